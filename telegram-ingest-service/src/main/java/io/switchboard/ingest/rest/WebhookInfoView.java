package io.switchboard.ingest.rest;

import io.switchboard.ingest.domain.WebhookStatus;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/admin/telegram/webhook-info}, per Bot API getWebhookInfo (dates ISO-8601, null when none).
 */
public record WebhookInfoView(String url, boolean hasCustomCertificate, int pendingUpdateCount, Instant lastErrorDate,
                              String lastErrorMessage, Instant lastSynchronizationErrorDate, Integer maxConnections,
                              List<String> allowedUpdates, String ipAddress) {

    static WebhookInfoView of(WebhookStatus status) {
        return new WebhookInfoView(status.url(), status.hasCustomCertificate(), status.pendingUpdateCount(),
                status.lastErrorDate(), status.lastErrorMessage(), status.lastSynchronizationErrorDate(),
                status.maxConnections(), status.allowedUpdates(), status.ipAddress());
    }
}
