package io.switchboard.conversation.domain;

import java.time.Instant;

/**
 * The Telegram forum supergroup where every conversation gets a topic (the "topics console"), stored in the
 * {@code setting} table under {@code telegram.support_group_chat_id} as {@code {"chatId": -100…, "linkedAt": "…"}}.
 *
 * @param chatId   the supergroup's chat id (negative int64, e.g. -1001971186208)
 * @param linkedAt when an admin configured it
 */
public record SupportGroup(long chatId, Instant linkedAt) {
}
