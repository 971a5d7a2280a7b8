-- Operator administration (issue 3): an audit trail of account changes, and what the refresh-token purge needs.

-- One row per change an admin made to an operator account: who (actor), when, what (action: operator.created,
-- operator.updated, operator.deactivated, operator.reactivated), which account (operator_id), and the changed fields
-- before and after as small JSON objects. Never a password or its hash (a password change shows as
-- {"passwordChanged": true}). No foreign keys: the trail outlives whatever happens to the rows it describes.
-- The identity id gives a strict newest-first order (changes are serialised by an advisory lock).
create table operator_audit (
    id           bigint generated always as identity primary key,
    operator_id  uuid        not null,
    actor_id     uuid,
    actor_name   text,
    action       text        not null,
    before_state jsonb,
    after_state  jsonb,
    occurred_at  timestamptz not null
);

create index operator_audit_operator_idx on operator_audit (operator_id, id desc);

-- The daily purge deletes expired refresh tokens one by one, so a token may go while an older token of its chain
-- still points at it (only when the lifetime setting was shortened in between): let that pointer become null instead
-- of failing the purge.
alter table refresh_token drop constraint refresh_token_replaced_by_fkey;
alter table refresh_token add constraint refresh_token_replaced_by_fkey
    foreign key (replaced_by) references refresh_token (id) on delete set null deferrable initially deferred;

create index refresh_token_expires_idx on refresh_token (expires_at);
