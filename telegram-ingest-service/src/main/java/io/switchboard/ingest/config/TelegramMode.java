package io.switchboard.ingest.config;

/** How updates reach the service: {@code webhook} (Telegram POSTs them) or {@code polling} (getUpdates). */
public enum TelegramMode {
    /** Telegram POSTs every update to {@code /telegram/webhook}; any number of replicas may run. */
    WEBHOOK,
    /** The service calls {@code getUpdates} itself; exactly one replica may run in this mode per bot token. */
    POLLING
}
