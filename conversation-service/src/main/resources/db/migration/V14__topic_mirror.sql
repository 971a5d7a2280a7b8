-- conversation-service schema, version 14: where each message's copy in the forum topic is (topics console).
--
-- A customer message or an operator's web reply mirrored into the conversation's forum topic gets one row, written in
-- the transaction that queued the mirror's send_message (command_id names it; mirror commands carry no message id).
-- telegram_message_ids stays null until telegram.results reports message.delivered for that command: then it holds
-- the Telegram message_id of every part of the copy (a text over 4096 UTF-16 units is split), in order, e.g. [21,22].
-- Edits and deletions of the message (customer edit in Telegram, operator edit or delete on the web) are applied to
-- the copy through these ids; a message without a row was never mirrored and nothing happens.
--   changed_while_pending  the message was edited or deleted before the copy was delivered: the delivery result
--                          brings the copy up to date at once
-- Deleted with its message (and so with its conversation: the purge deletes messages, then conversations).
create table topic_mirror (
    message_id            uuid         primary key references message (id) on delete cascade,
    conversation_id       uuid         not null references conversation (id) on delete cascade,
    chat_id               bigint       not null,
    message_thread_id     integer      not null,
    command_id            uuid         not null,
    telegram_message_ids  text,
    changed_while_pending boolean      not null default false,
    created_at            timestamptz  not null,
    constraint topic_mirror_command_uq unique (command_id)
);
