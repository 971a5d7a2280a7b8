package io.switchboard.ingest.domain;

/** Where the bot token in use comes from. */
public enum TokenSource {
    /** Set by an admin with {@code PUT /api/admin/telegram/bot}, stored encrypted in {@code bot_settings}. */
    CONSOLE,
    /** {@code TELEGRAM_BOT_TOKEN}, used when no token is stored. */
    ENVIRONMENT
}
