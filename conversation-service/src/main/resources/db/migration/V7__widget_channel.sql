-- conversation-service schema, version 7: the web widget as a second channel (issue 5).
--
-- A conversation and its customer belong to one channel: TELEGRAM (a private chat with the bot) or WIDGET (the web
-- widget; the customer has no Telegram ids at all). Telegram chat ids stay required for Telegram conversations.
alter table customer add column channel varchar(16) not null default 'TELEGRAM';
alter table customer add constraint customer_channel_ck check (channel in ('TELEGRAM', 'WIDGET'));

alter table conversation add column channel varchar(16) not null default 'TELEGRAM';
alter table conversation add constraint conversation_channel_ck check (channel in ('TELEGRAM', 'WIDGET'));
alter table conversation alter column telegram_chat_id drop not null;
alter table conversation add constraint conversation_telegram_chat_ck
    check (channel <> 'TELEGRAM' or telegram_chat_id is not null);

-- Widget messages carry no Telegram chat; a widget customer's message carries the widget's client message id, unique
-- per conversation, so a redelivered or re-posted widget.messages record is stored once (nulls never collide).
alter table message alter column telegram_chat_id drop not null;
alter table message add column client_message_id text;
alter table message add constraint message_client_message_uq unique (conversation_id, client_message_id);
