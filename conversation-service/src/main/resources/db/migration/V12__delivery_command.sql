-- conversation-service schema, version 12: which command a PENDING outbound message waits for (issue 4 fix round).
--
-- Set whenever a send_message / send_media command is written for the message (a reply, a retry, a system message
-- sent to Telegram). telegram.results settles the message only with the result of THIS command, so a redelivered
-- result of an earlier attempt cannot flip a retried message back. Null for messages without a command (widget,
-- notes, inbound) and for rows written before this version.
alter table message add column command_id uuid;
