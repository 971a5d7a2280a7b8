-- Operators of the console and their refresh tokens. Owned by gateway-service.

create table operator (
    id            uuid        primary key,
    username      text        not null,
    display_name  text        not null,
    password_hash text        not null,
    role          text        not null check (role in ('ADMIN', 'OPERATOR')),
    active        boolean     not null default true,
    created_at    timestamptz not null default now(),
    failed_logins integer     not null default 0,
    locked_until  timestamptz
);

-- Usernames are unique regardless of case; lookups use lower(username).
create unique index operator_username_key on operator (lower(username));

-- Refresh tokens are stored as the hex SHA-256 of the secret handed to the client. Every use rotates the token:
-- the old row gets revoked_at and replaced_by, the new row keeps the chain id, so presenting a rotated token again
-- revokes the whole chain.
create table refresh_token (
    id          uuid        primary key,
    operator_id uuid        not null references operator (id) on delete cascade,
    chain_id    uuid        not null,
    token_hash  text        not null unique,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    revoked_at  timestamptz,
    replaced_by uuid        references refresh_token (id) deferrable initially deferred
);

create index refresh_token_chain_idx on refresh_token (chain_id);
create index refresh_token_operator_idx on refresh_token (operator_id);
