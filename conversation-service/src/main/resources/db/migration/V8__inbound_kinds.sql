-- conversation-service schema, version 8: every kind of customer message from Telegram (issue 4).
--
-- Media, locations and contacts: one INBOUND message (text = the caption, or '' when there is none) with one
-- attachment row carrying the metadata Telegram gave (per Bot API Message: PhotoSize, Document, Voice, Audio, Video,
-- VideoNote, Sticker, Animation, Location, Contact). Inbound files stay on Telegram (telegram_file_id, fetched via
-- telegram-ingest's internal files endpoint); operator uploads name their upload row (upload_id; the foreign key is
-- added in V10 with the upload table). Consoles fetch both at GET /api/media/{attachment id}.
create table attachment (
    id                      uuid             primary key,
    message_id              uuid             not null references message (id) on delete cascade,
    kind                    varchar(16)      not null,
    telegram_file_id        text,
    telegram_file_unique_id text,
    upload_id               uuid,
    file_name               text,
    mime_type               text,
    file_size               bigint,
    width                   integer,
    height                  integer,
    duration                integer,
    emoji                   text,
    latitude                double precision,
    longitude               double precision,
    phone_number            text,
    contact_name            text,
    created_at              timestamptz      not null,
    constraint attachment_kind_ck check (kind in ('PHOTO', 'DOCUMENT', 'VOICE', 'AUDIO', 'VIDEO', 'VIDEO_NOTE',
                                                  'STICKER', 'ANIMATION', 'LOCATION', 'CONTACT'))
);

create index attachment_message_idx on attachment (message_id);

-- Previous texts of an edited message (customer edits from Telegram, operator edits from the console), oldest first
-- by replaced_at. edited_at is when that version was written (the message's created_at for the first version).
create table message_version (
    id          uuid         primary key,
    message_id  uuid         not null references message (id) on delete cascade,
    text        text         not null,
    edited_at   timestamptz  not null,
    replaced_at timestamptz  not null
);

create index message_version_message_idx on message_version (message_id, replaced_at, id);

-- edited_at: the latest edit; deleted_at: soft delete by an operator; reply_to_*: the message this one answers
-- (Telegram reply_to_message) and the quoted text; reactions: JSON array of {emoji, count, byCustomer};
-- source: TELEGRAM | WIDGET | WEB_CONSOLE | TELEGRAM_TOPIC | SYSTEM.
alter table message add column edited_at           timestamptz;
alter table message add column deleted_at          timestamptz;
alter table message add column reply_to_message_id uuid references message (id) on delete set null;
alter table message add column reply_to_text       text;
alter table message add column reactions           jsonb;
alter table message add column source              varchar(32);
alter table message add constraint message_source_ck
    check (source is null or source in ('TELEGRAM', 'WIDGET', 'WEB_CONSOLE', 'TELEGRAM_TOPIC', 'SYSTEM'));

update message m set source = case
        when m.system_key is not null then 'SYSTEM'
        when m.direction = 'OUTBOUND' then 'WEB_CONSOLE'
        when c.channel = 'WIDGET' then 'WIDGET'
        else 'TELEGRAM' end
    from conversation c where c.id = m.conversation_id;

-- Edits, replies and reactions name a message by Telegram's ids (inbound: telegram_message_id; outbound: one of
-- telegram_message_ids, found among the chat's rows).
create index message_telegram_idx on message (telegram_chat_id, telegram_message_id);

-- Set when the customer blocked the bot (my_chat_member "kicked", or a send failed with BLOCKED_BY_USER); cleared
-- when they unblock it (my_chat_member "member").
alter table customer add column bot_blocked_at timestamptz;

-- Widget → Telegram deep links (t.me/<bot>?start=<payload>): single use, valid 24 hours.
create table telegram_start_link (
    payload         varchar(64)  primary key,
    conversation_id uuid         not null references conversation (id) on delete cascade,
    expires_at      timestamptz  not null,
    used_at         timestamptz
);

create index telegram_start_link_conversation_idx on telegram_start_link (conversation_id);

-- A widget conversation continued in Telegram is found by its chat.
create index conversation_telegram_chat_idx on conversation (telegram_chat_id, created_at desc)
    where telegram_chat_id is not null;
