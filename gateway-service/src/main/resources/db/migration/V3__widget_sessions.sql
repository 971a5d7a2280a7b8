-- Refresh tokens of web-widget customers (issue 5). A widget customer has no account here: the customer and the
-- conversation live in conversation-service, and this table only keeps the refresh tokens the gateway handed out for
-- them. Same scheme as refresh_token: stored as the hex SHA-256 of the secret, rotated on every use (the old row gets
-- revoked_at and replaced_by, the new row keeps chain_id), and presenting a rotated token again revokes the chain.
create table widget_session (
    id              uuid        primary key,
    customer_id     uuid        not null,
    conversation_id uuid        not null,
    chain_id        uuid        not null,
    token_hash      text        not null unique,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    revoked_at      timestamptz,
    replaced_by     uuid        references widget_session (id) on delete set null deferrable initially deferred
);

create index widget_session_chain_idx on widget_session (chain_id);
create index widget_session_expires_idx on widget_session (expires_at);
