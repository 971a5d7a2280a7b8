package io.switchboard.conversation.rest;

/**
 * Body of {@code PATCH /api/widget/conversations/{id}}.
 *
 * @param nickname 2..32 characters after trimming, no links ({@code ://}, {@code www.}, {@code t.me/},
 *                 {@code word.tld/}), no control characters
 */
public record NicknameRequest(String nickname) {
}
