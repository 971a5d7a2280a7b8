package io.switchboard.emulator.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One attempt to POST an Update to a bot's webhook.
 *
 * @param seq      position in the delivery log, from 1
 * @param token    the bot token (never serialised)
 * @param botId    the bot id
 * @param updateId the delivered Update's {@code update_id}
 * @param chat     the chat key the Update is ordered by
 * @param url      the webhook URL
 * @param attempt  1 for the first try of this update, then 2, 3, ...
 * @param status   HTTP status answered by the webhook, or null on a connection error or timeout
 * @param error    why the attempt failed, or null when the webhook answered 2xx
 * @param at       when the attempt finished
 */
public record WebhookDelivery(long seq, @JsonIgnore String token, long botId, long updateId, String chat, String url, int attempt,
        Integer status, String error, Instant at) {
}
