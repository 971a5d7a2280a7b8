package io.switchboard.ingest.rest;

/**
 * {@code PUT /api/admin/telegram/bot}.
 *
 * @param token the token BotFather gave ({@code 123456789:AAE…})
 */
public record BotTokenRequest(String token) {

    @Override
    public String toString() {
        return "BotTokenRequest[token=…]";
    }
}
