-- conversation-service schema, version 3: the operator's tools (canned responses, tags, private notes) and the
-- indexes behind list filters, search and the audit log.
--
-- Needs the pg_trgm extension. The service's database user is a superuser in development and tests; in production
-- either grant it the right to create this trusted extension (Postgres 13+: CREATE on the database) or have a DBA run
-- `create extension pg_trgm` in switchboard_conversation once, before this migration. Case-insensitive matching of
-- non-Latin names (Cyrillic, Persian, ...) needs a UTF-8 ctype for the database (e.g. C.UTF-8 or en_US.UTF-8).
create extension if not exists pg_trgm;

-- Prepared answers an operator inserts into a reply. Shared ones (shared = true) are visible to every operator and
-- edited by admins; personal ones only by their owner. A shortcut (typed as "/refund") is unique among what one
-- operator sees: unique among shared ones, unique per owner among personal ones (both by index below), and a
-- personal shortcut never equals a shared one (checked by the service under an advisory lock per shortcut).
create table canned_response (
    id          uuid         primary key,
    title       varchar(120) not null,
    text        text         not null,
    category    varchar(60),
    shortcut    varchar(32),
    shared      boolean      not null,
    owner_id    uuid         not null,
    usage_count bigint       not null default 0,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    constraint canned_response_title_ck check (length(btrim(title)) > 0),
    constraint canned_response_text_ck check (length(text) between 1 and 4096),
    constraint canned_response_shortcut_ck check (shortcut ~ '^[a-z0-9_-]{1,32}$'),
    constraint canned_response_usage_ck check (usage_count >= 0)
);

create unique index canned_response_shared_shortcut_uq on canned_response (shortcut)
    where shared and shortcut is not null;
create unique index canned_response_personal_shortcut_uq on canned_response (owner_id, shortcut)
    where not shared and shortcut is not null;
create index canned_response_owner_idx on canned_response (owner_id) where not shared;

-- Labels operators attach to conversations. Names are unique ignoring case.
create table tag (
    id         uuid        primary key,
    name       varchar(40) not null,
    color      char(7)     not null,
    created_at timestamptz not null,
    constraint tag_name_ck check (length(btrim(name)) > 0),
    constraint tag_color_ck check (color ~ '^#[0-9a-f]{6}$')
);

create unique index tag_name_uq on tag (lower(name));

create table conversation_tag (
    conversation_id uuid        not null references conversation (id) on delete cascade,
    tag_id          uuid        not null references tag (id) on delete cascade,
    attached_at     timestamptz not null,
    attached_by     uuid,
    primary key (conversation_id, tag_id)
);

-- "conversations with tag X" (list filter) and the cascade when a tag is deleted.
create index conversation_tag_tag_idx on conversation_tag (tag_id, conversation_id);

-- Private notes: operators only. Never a message, never sent to any channel.
create table note (
    id              uuid        primary key,
    conversation_id uuid        not null references conversation (id) on delete cascade,
    operator_id     uuid        not null,
    operator_name   text,
    text            text        not null,
    created_at      timestamptz not null,
    constraint note_text_ck check (char_length(text) between 1 and 4000)
);

create index note_conversation_created_idx on note (conversation_id, created_at, id);

-- List filter q= and GET /api/search: substring (ILIKE) and similarity (%) matching on names, usernames, nicknames
-- and codenames through trigram GIN indexes.
create index customer_display_name_trgm_idx on customer using gin (display_name gin_trgm_ops);
create index customer_username_trgm_idx on customer using gin (username gin_trgm_ops);
create index customer_nickname_trgm_idx on customer using gin (nickname gin_trgm_ops);
create index conversation_codename_trgm_idx on conversation using gin (codename gin_trgm_ops);

-- Message search: full text with the 'simple' configuration (lower-cased words, no stemming, no stop words), which
-- treats every script alike (Latin, Cyrillic, Arabic/Persian, ...); queries match word prefixes (заказ → заказа).
-- A stored generated column keeps the vector in step with the text without any application code.
alter table message add column search_vector tsvector
    generated always as (to_tsvector('simple'::regconfig, text)) stored;
create index message_search_idx on message using gin (search_vector);
-- Newest matches first: the search first looks among the newest messages (walking this index backwards), and only
-- when they hold fewer than 20 matches asks the GIN index for all matches (see SearchRepository).
create index message_created_idx on message (created_at, id);

-- List filter assignee=none together with the status filter.
create index conversation_unassigned_updated_idx on conversation (updated_at desc, id desc) where assignee_id is null;

-- List filter unread=true: conversations whose customer wrote after the last read. last_inbound_at is kept by the
-- intake (the time of the latest non-BLOCKED customer message, the same instant as that message's created_at), so
-- this small partial index answers the filter without probing the messages. Rows from before V2 get it here.
update conversation c set last_inbound_at = (select max(m.created_at) from message m
                                             where m.conversation_id = c.id and m.direction = 'INBOUND'
                                               and m.status <> 'BLOCKED')
where c.last_inbound_at is null;
create index conversation_unread_updated_idx on conversation (updated_at desc, id desc)
    where last_inbound_at > coalesce(last_read_at, '-infinity'::timestamptz);

-- Admin audit log filters.
create index audit_entry_action_idx on audit_entry (action, occurred_at desc, id desc);
create index audit_entry_actor_idx on audit_entry (actor_id, occurred_at desc, id desc) where actor_id is not null;
