-- conversation-service schema, version 1. Applied by Flyway at start-up (quarkus.flyway.migrate-at-start=true).

-- A person who wrote to the bot in a private chat. One row per Telegram user.
create table customer (
    id               uuid         primary key,
    telegram_user_id bigint       not null,
    telegram_chat_id bigint       not null,
    first_name       text,
    last_name        text,
    username         text,
    language_code    text,
    display_name     text         not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    constraint customer_telegram_user_uq unique (telegram_user_id)
);

-- A support thread with one customer. At most one open (not CLOSED/BLOCKED) per customer.
create table conversation (
    id               uuid         primary key,
    customer_id      uuid         not null references customer (id),
    telegram_chat_id bigint       not null,
    status           varchar(32)  not null,
    codename         text         not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    last_message_at  timestamptz,
    last_message_id  uuid,
    last_read_at     timestamptz,
    constraint conversation_status_ck
        check (status in ('OPEN_UNCLAIMED', 'OPEN_ASSIGNED', 'AWAITING_CUSTOMER', 'CLOSED', 'BLOCKED'))
);

create unique index conversation_one_open_per_customer_uq
    on conversation (customer_id) where status not in ('CLOSED', 'BLOCKED');
create unique index conversation_open_codename_uq
    on conversation (codename) where status <> 'CLOSED';
create index conversation_updated_idx on conversation (updated_at desc, id desc);
create index conversation_status_updated_idx on conversation (status, updated_at desc, id desc);

-- Every message of a conversation: INBOUND from the customer, OUTBOUND from an operator.
create table message (
    id                   uuid         primary key,
    conversation_id      uuid         not null references conversation (id),
    direction            varchar(16)  not null,
    status               varchar(16)  not null,
    text                 text         not null,
    telegram_chat_id     bigint       not null,
    telegram_message_id  bigint,
    telegram_message_ids text,
    operator_id          uuid,
    idempotency_key      text,
    failure_reason       text,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    constraint message_direction_ck check (direction in ('INBOUND', 'OUTBOUND')),
    constraint message_status_ck check (status in ('RECEIVED', 'PENDING', 'SENT', 'FAILED')),
    constraint message_idempotency_uq unique (conversation_id, idempotency_key)
);

create index message_conversation_created_idx on message (conversation_id, created_at, id);
create index message_unread_idx on message (conversation_id, created_at) where direction = 'INBOUND';

alter table conversation
    add constraint conversation_last_message_fk foreign key (last_message_id) references message (id)
        deferrable initially deferred;

-- Every Telegram update ever consumed, by its update_id: a redelivered update is a no-op.
create table processed_update (
    update_id   bigint       primary key,
    kind        text         not null,
    outcome     varchar(16)  not null,
    reason      text,
    received_at timestamptz  not null
);

-- Transactional outbox: rows written in the business transaction, published to Kafka by the relay.
create table outbox (
    id           bigserial    primary key,
    topic        text         not null,
    message_key  text         not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    published_at timestamptz
);

create index outbox_unpublished_idx on outbox (id) where published_at is null;
create index outbox_published_idx on outbox (published_at) where published_at is not null;
