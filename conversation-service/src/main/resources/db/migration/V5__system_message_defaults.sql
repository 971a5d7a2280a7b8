-- conversation-service schema, version 5: default system-message templates (en, ru, fa), the default timer
-- thresholds, and what a timer row needs to be re-planned when an admin changes a threshold. See docs/TIMERS.md.

-- A timer is due at anchor_at + the current value of its threshold (a key of the 'timers' setting, e.g.
-- 'firstReminderSeconds'); due_at is that sum, stored for the index, and null while the threshold is 0 (disabled).
-- PUT /api/admin/timers recomputes due_at of every unfired row from these two columns.
alter table conversation_timer add column anchor_at timestamptz;
alter table conversation_timer add column threshold varchar(64);
alter table conversation_timer alter column due_at drop not null;

insert into setting (key, value, updated_at)
values ('timers', '{"firstReminderSeconds":300,"secondReminderSeconds":900,"autoCloseUnansweredSeconds":86400,"autoCloseAfterReplySeconds":172800}', now())
on conflict (key) do nothing;

-- Audience is fixed per key in code (SystemMessageKey): welcome_message, waiting_for_agent, conversation_reopened,
-- closed_history_note and closing_message are for the customer; the two unclaimed reminders are for operators and
-- never reach the customer. Placeholders: {codename}, {customerName}, {operatorName}.
-- waiting_for_agent follows every customer message while unclaimed (rate-limited to one per 10 minutes); by default
-- it is a widget banner and a transcript bubble but not a Telegram message, so a Telegram customer is not greeted
-- twice on their first message.
insert into system_message_template (key, texts, widget_banner, transcript_bubble, telegram, pin, rate_limit_seconds, updated_at)
values
('welcome_message', jsonb_build_object(
    'en', 'Hello {customerName}! Thanks for writing to us. An agent will reply here shortly.',
    'ru', 'Здравствуйте, {customerName}! Спасибо, что написали нам. Оператор скоро ответит здесь.',
    'fa', 'سلام {customerName}! از پیام شما سپاسگزاریم. یکی از همکاران ما به‌زودی همین‌جا پاسخ می‌دهد.'),
    true, true, true, false, 0, now()),
('waiting_for_agent', jsonb_build_object(
    'en', 'All our agents are busy right now. Your message is saved and we will answer as soon as we can.',
    'ru', 'Сейчас все операторы заняты. Ваше сообщение сохранено, мы ответим, как только сможем.',
    'fa', 'در حال حاضر همهٔ همکاران ما مشغول هستند. پیام شما ذخیره شد و در اولین فرصت پاسخ می‌دهیم.'),
    true, true, false, false, 600, now()),
('conversation_reopened', jsonb_build_object(
    'en', 'Welcome back, {customerName}! We have reopened your conversation; an agent will reply here soon.',
    'ru', 'С возвращением, {customerName}! Мы снова открыли ваш диалог, оператор скоро ответит.',
    'fa', 'خوش برگشتید {customerName}! گفتگوی شما دوباره باز شد و به‌زودی پاسخ می‌دهیم.'),
    false, true, true, false, 60, now()),
('unclaimed_reminder_5m', jsonb_build_object(
    'en', '⏰ {codename} ({customerName}) is still waiting for an agent. Can someone claim it?',
    'ru', '⏰ {codename} ({customerName}) всё ещё ждёт оператора. Кто-нибудь может взять диалог?',
    'fa', '⏰ {codename} ({customerName}) هنوز منتظر پاسخ‌گو است. کسی می‌تواند آن را بردارد؟'),
    false, true, true, false, 0, now()),
('unclaimed_reminder_15m_pin', jsonb_build_object(
    'en', '📌 {codename} ({customerName}) has been waiting a long time without an agent. Please claim it now.',
    'ru', '📌 {codename} ({customerName}) давно ждёт без оператора. Пожалуйста, возьмите диалог.',
    'fa', '📌 {codename} ({customerName}) مدت زیادی بدون پاسخ‌گو مانده است. لطفاً همین حالا آن را بردارید.'),
    false, true, true, true, 0, now()),
('closed_history_note', jsonb_build_object(
    'en', 'This conversation was closed. Write to us again any time and we will pick it up.',
    'ru', 'Этот диалог закрыт. Напишите нам снова в любое время — мы продолжим.',
    'fa', 'این گفتگو بسته شده است. هر زمان خواستید دوباره پیام دهید تا ادامه دهیم.'),
    true, true, false, false, 0, now()),
('closing_message', jsonb_build_object(
    'en', 'Thank you for contacting us, {customerName}. This conversation is now closed; write again any time if you need more help.',
    'ru', 'Спасибо за обращение, {customerName}. Диалог закрыт; если понадобится помощь, просто напишите снова.',
    'fa', 'از تماس شما سپاسگزاریم {customerName}. این گفتگو بسته شد؛ اگر باز هم کمک لازم داشتید، دوباره پیام دهید.'),
    false, true, true, false, 0, now())
on conflict (key) do nothing;
