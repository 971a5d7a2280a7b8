-- Webhook secret rotation between replicas (WebhookRegistration) and polling that outlives a console token.
-- previous_webhook_secret_ciphertext: the generated secret replaced at webhook_secret_rotated_at (AES-256-GCM, like
--   webhook_secret_ciphertext); the webhook still accepts it for a short grace period (60 s), while setWebhook with
--   the new one is under way and other replicas' caches catch up.
-- polled_env_bot_id: the bot id whose webhook long polling removed while its token came from the console, when that
--   console token was removed and TELEGRAM_BOT_TOKEN is the same bot without TELEGRAM_WEBHOOK_URL: that environment
--   token keeps being polled (nothing would deliver webhook updates any more).
alter table bot_settings
    add column previous_webhook_secret_ciphertext bytea,
    add column webhook_secret_rotated_at timestamptz,
    add column polled_env_bot_id bigint;
