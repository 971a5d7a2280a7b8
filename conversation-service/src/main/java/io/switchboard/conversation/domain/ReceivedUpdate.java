package io.switchboard.conversation.domain;

/**
 * An update as consumed from {@code telegram.updates}: the bot that received it and what it says. Telegram numbers
 * update_ids per bot, so (botId, update_id) identifies an update.
 *
 * @param botId  the receiving bot's id from the record's {@code telegram-bot-id} header; 0 when the record has none
 *               (published before the header existed) or it is unreadable
 * @param update the update as read
 */
public record ReceivedUpdate(long botId, InboundUpdate update) {
}
