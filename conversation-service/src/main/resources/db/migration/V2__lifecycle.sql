-- conversation-service schema, version 2: the lifecycle (assignment, close/reopen/block), the audit log, timers
-- and system-message templates. See docs/LIFECYCLE.md.

-- Who holds the conversation, and when things last happened on each side (auto-close thresholds use them).
alter table conversation add column assignee_id      uuid;
alter table conversation add column assigned_at      timestamptz;
alter table conversation add column closed_at        timestamptz;
alter table conversation add column last_inbound_at  timestamptz;
alter table conversation add column last_outbound_at timestamptz;

create index conversation_assignee_updated_idx on conversation (assignee_id, updated_at desc, id desc)
    where assignee_id is not null;
create index conversation_customer_created_idx on conversation (customer_id, created_at desc);

-- A nickname the customer chose (widget) or an operator noted; shown beside the codename.
alter table customer add column nickname text;

-- Telegram is one channel; the widget (issue 5) will not have a Telegram user.
alter table customer alter column telegram_user_id drop not null;
alter table customer alter column telegram_chat_id drop not null;

-- Message kinds: BLOCKED = customer input while blocked (never shown to operators); RECORDED = a system bubble that
-- went to no channel. system_key names the template of a system message; operator_name is the author's display
-- name at the time (operators live in gateway-service).
alter table message drop constraint message_status_ck;
alter table message add constraint message_status_ck
    check (status in ('RECEIVED', 'PENDING', 'SENT', 'FAILED', 'BLOCKED', 'RECORDED'));
alter table message add column system_key    text;
alter table message add column operator_name text;

-- Every operator action: who, when, what, before → after (small JSON objects). conversation_id is null for
-- actions on no conversation (a canned response, a template, the timers).
create table audit_entry (
    id              uuid        primary key,
    conversation_id uuid,
    actor_id        uuid,
    actor_name      text,
    action          text        not null,
    before_state    jsonb,
    after_state     jsonb,
    occurred_at     timestamptz not null
);

create index audit_entry_conversation_idx on audit_entry (conversation_id, occurred_at desc, id desc)
    where conversation_id is not null;
create index audit_entry_occurred_idx on audit_entry (occurred_at desc, id desc);

-- Lifecycle timers with their due time; a replica claims due rows with FOR UPDATE SKIP LOCKED, so each fires once.
-- kind: REMINDER_FIRST, REMINDER_SECOND, AUTO_CLOSE. fired_at is set in the transaction that acts on it.
create table conversation_timer (
    conversation_id uuid        not null references conversation (id) on delete cascade,
    kind            varchar(32) not null,
    due_at          timestamptz not null,
    fired_at        timestamptz,
    primary key (conversation_id, kind)
);

create index conversation_timer_due_idx on conversation_timer (due_at) where fired_at is null;

-- Editable system-message templates: text per locale plus delivery flags and a per-conversation rate limit.
create table system_message_template (
    key                 text        primary key,
    texts               jsonb       not null,
    widget_banner       boolean     not null default false,
    transcript_bubble   boolean     not null default true,
    telegram            boolean     not null default true,
    pin                 boolean     not null default false,
    rate_limit_seconds  integer     not null default 0 check (rate_limit_seconds >= 0),
    updated_at          timestamptz not null default now(),
    updated_by          uuid
);

-- When each template was last emitted into each conversation (the rate limit).
create table system_message_emission (
    conversation_id uuid        not null references conversation (id) on delete cascade,
    key             text        not null,
    emitted_at      timestamptz not null,
    primary key (conversation_id, key)
);

-- Run-time settings an admin edits (e.g. key 'timers' → the timer thresholds as JSON).
create table setting (
    key        text        primary key,
    value      jsonb       not null,
    updated_at timestamptz not null default now(),
    updated_by uuid
);
