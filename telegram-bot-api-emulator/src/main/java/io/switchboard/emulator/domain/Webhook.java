package io.switchboard.emulator.domain;

import java.time.Instant;

/**
 * A bot's webhook as set with setWebhook.
 *
 * @param url            where Updates are POSTed
 * @param secretToken    value of the {@code X-Telegram-Bot-Api-Secret-Token} header, or null for none
 * @param maxConnections how many deliveries may be in flight at once (1-100)
 * @param generation     changes on every setWebhook/deleteWebhook; answers of older deliveries are recognised by it
 * @param setAt          when it was set
 */
public record Webhook(String url, String secretToken, int maxConnections, long generation, Instant setAt) {
}
