-- conversation-service schema, version 6: records management (transcript export, bulk delete, retention, erasure).

-- The retention job and bulk delete by filter take CLOSED conversations oldest-closed first, a chunk at a time
-- (status = 'CLOSED' and closed_at < cutoff order by closed_at, id limit n for update skip locked).
create index conversation_closed_at_idx on conversation (closed_at, id) where status = 'CLOSED';
