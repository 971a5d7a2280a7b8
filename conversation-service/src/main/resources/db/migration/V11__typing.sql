-- conversation-service schema, version 11: operators' typing shown in Telegram (issue 4).
--
-- When the last "typing" chat action (Bot API sendChatAction) was queued for the conversation's chat. The service
-- queues one only when a conditional update moves this forward by at least 4 s, so replicas never send it more often.
alter table conversation add column last_chat_action_at timestamptz;
