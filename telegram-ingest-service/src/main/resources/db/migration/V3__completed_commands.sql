-- Commands of telegram.commands whose result is on telegram.results (CommandConsumer), so that a command redelivered
-- after a crash, a redeploy or a rebalance is acknowledged and skipped by every replica instead of reaching Telegram
-- twice. Rows older than telegram.send.completed-commands-retention (7 days) are purged daily.
create table completed_command (
    command_id   uuid primary key,
    completed_at timestamptz not null
);
create index completed_command_completed_at_idx on completed_command (completed_at);
