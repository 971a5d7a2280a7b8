-- conversation-service schema, version 13: processed updates are told apart per bot.
--
-- Telegram numbers update_ids per bot, so after an admin switches the token to another bot the new bot's ids can
-- repeat ids already recorded for the old one; keyed by update_id alone, those customers' messages were skipped as
-- duplicates. An update is now identified by (bot_id, update_id): bot_id is the telegram-bot-id header of the
-- telegram.updates record (the receiving bot's id); 0 for rows recorded before this version and for records without
-- the header.
alter table processed_update add column bot_id bigint not null default 0;
alter table processed_update drop constraint processed_update_pkey;
alter table processed_update add constraint processed_update_pkey primary key (bot_id, update_id);
