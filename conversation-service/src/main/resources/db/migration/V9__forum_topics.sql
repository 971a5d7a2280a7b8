-- conversation-service schema, version 9: the support group's forum topics (issue 4, topics console).
--
-- When a support group is configured (setting 'telegram.support_group_chat_id', value {"chatId": -100…, "linkedAt":
-- "…"}), every conversation gets one forum topic in that group. The row exists from the moment the topic is requested:
--   PENDING  createForumTopic was queued (command_id names it), no thread id yet; a second request is never queued
--   ACTIVE   the topic exists (message_thread_id = Telegram's id); mirrors and actions go there
--   CLOSED   the conversation was closed and so was the topic (closeForumTopic)
--   LOST     Telegram said the thread is gone (TOPIC_MISSING) and no new one could be requested (no group configured)
create table forum_topic (
    conversation_id   uuid         primary key references conversation (id) on delete cascade,
    chat_id           bigint       not null,
    message_thread_id integer,
    name              text         not null,
    status            varchar(16)  not null,
    command_id        uuid,
    lost_thread_id    integer,
    lost_text         text,
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    constraint forum_topic_status_ck check (status in ('PENDING', 'ACTIVE', 'CLOSED', 'LOST')),
    constraint forum_topic_thread_ck check (status = 'PENDING' or status = 'LOST' or message_thread_id is not null),
    constraint forum_topic_thread_uq unique (chat_id, message_thread_id)
);

create index forum_topic_command_idx on forum_topic (command_id);

-- Operators who linked their Telegram account (POST /api/telegram/link, then "/link CODE" in the support group):
-- actions taken in the group act as this operator.
create table operator_telegram_link (
    operator_id       uuid         primary key,
    operator_name     text,
    telegram_user_id  bigint       not null,
    telegram_username text,
    linked_at         timestamptz  not null,
    constraint operator_telegram_link_user_uq unique (telegram_user_id)
);

-- One-time link codes (8 chars of A-Z2-9, valid 10 minutes); one live code per operator.
create table telegram_link_code (
    code          varchar(16)  primary key,
    operator_id   uuid         not null,
    operator_name text,
    expires_at    timestamptz  not null
);

create index telegram_link_code_operator_idx on telegram_link_code (operator_id);
