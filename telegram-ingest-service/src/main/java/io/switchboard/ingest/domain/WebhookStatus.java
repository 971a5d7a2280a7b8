package io.switchboard.ingest.domain;

import java.time.Instant;
import java.util.List;

/**
 * Telegram's view of the webhook, per Bot API {@code getWebhookInfo} (WebhookInfo).
 *
 * @param url                          the registered URL, empty when none (polling)
 * @param hasCustomCertificate         a self-signed certificate was uploaded
 * @param pendingUpdateCount           updates waiting for delivery
 * @param lastErrorDate                when the last delivery failed, or null
 * @param lastErrorMessage             why it failed, or null
 * @param lastSynchronizationErrorDate when Telegram's datacenters last failed to synchronise, or null
 * @param maxConnections               simultaneous deliveries allowed, or null
 * @param allowedUpdates               update types delivered (null: Telegram's default set)
 * @param ipAddress                    the IP Telegram delivers to, or null
 */
public record WebhookStatus(String url, boolean hasCustomCertificate, int pendingUpdateCount, Instant lastErrorDate,
                            String lastErrorMessage, Instant lastSynchronizationErrorDate, Integer maxConnections,
                            List<String> allowedUpdates, String ipAddress) {
}
