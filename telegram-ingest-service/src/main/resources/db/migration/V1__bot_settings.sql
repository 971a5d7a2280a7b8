-- The bot this service speaks as when an admin set its token in the console (PUT /api/admin/telegram/bot), and
-- the webhook's generated secret. One row at most (id = 1). Secrets are AES-256-GCM ciphertexts
-- (12-byte nonce || ciphertext || 16-byte tag, key TELEGRAM_TOKEN_KEY); nothing here is plaintext.
create table bot_settings (
    id                  smallint primary key default 1 check (id = 1),
    token_ciphertext    bytea,
    bot_id              bigint,
    username            varchar(64),
    first_name          varchar(256),
    token_hint          varchar(64),
    webhook_secret_ciphertext bytea,
    updated_at          timestamptz not null
);
