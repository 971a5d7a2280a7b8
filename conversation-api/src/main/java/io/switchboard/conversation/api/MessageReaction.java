package io.switchboard.conversation.api;

/**
 * One reaction on a message (per Bot API ReactionType).
 *
 * @param emoji      the emoji, or for a custom emoji its {@code custom_emoji_id}, or {@code "paid"} for a paid reaction
 * @param count      how many gave it (≥ 1)
 * @param byCustomer whether the conversation's customer is one of them
 */
public record MessageReaction(String emoji, int count, boolean byCustomer) {
}
