-- Seeds a conversation-service database for ConversationQueryBenchmark: :conversations conversations (one customer
-- each) with :messages_per_conversation messages each, spread over the past year, in the status mix of a desk that
-- has run for a while (70 % CLOSED). Placeholders :name are replaced by the benchmark before running. Names mix
-- Latin, Cyrillic and Persian so that search sees realistic text. Run on an empty, migrated database.

create temporary table seed_words (i int primary key, word text not null);
insert into seed_words
select row_number() over () - 1, w from unnest(array[
    'order', 'refund', 'delivery', 'payment', 'invoice', 'account', 'password', 'login', 'error', 'crash',
    'subscription', 'cancel', 'upgrade', 'discount', 'coupon', 'shipping', 'tracking', 'address', 'warranty', 'return',
    'заказ', 'возврат', 'доставка', 'оплата', 'счёт', 'аккаунт', 'пароль', 'ошибка', 'подписка', 'скидка',
    'سفارش', 'بازپرداخت', 'ارسال', 'پرداخت', 'حساب', 'رمز', 'خطا', 'اشتراک', 'تخفیف', 'گارانتی',
    'hello', 'thanks', 'please', 'help', 'urgent', 'today', 'tomorrow', 'broken', 'missing', 'late']) as w;

create temporary table seed_names (i int primary key, first text not null, last text not null);
insert into seed_names
select row_number() over () - 1, f, l from unnest(
    array['Anna', 'Ivan', 'Maria', 'Omid', 'Sara', 'Lucas', 'Elena', 'Reza', 'Chloe', 'Dmitri', 'Aisha', 'Noah',
          'Анна', 'Иван', 'Мария', 'Ольга', 'امید', 'سارا', 'رضا', 'مریم'],
    array['Petrova', 'Smith', 'Garcia', 'Karimi', 'Müller', 'Rossi', 'Novak', 'Ahmadi', 'Dubois', 'Ivanov',
          'Khan', 'Brown', 'Петрова', 'Иванов', 'Смирнова', 'Кузнецов', 'کریمی', 'احمدی', 'رضایی', 'حسینی']) as t(f, l);

-- 20 operators (ids only: operators live in gateway-service).
create temporary table seed_operators as
select i, ('00000000-0000-4000-8000-' || lpad(to_hex(i + 1), 12, '0'))::uuid as id from generate_series(0, 19) i;

insert into customer (id, telegram_user_id, telegram_chat_id, first_name, last_name, username, language_code,
                      display_name, nickname, created_at, updated_at)
select md5('customer' || g)::uuid, 5000000000 + g, 5000000000 + g, n.first, n.last,
       case when g % 3 = 0 then null when n.first ~ '^[A-Za-z]+$' then lower(n.first) || '_' || g else 'user_' || g end,
       (array['en', 'ru', 'fa', 'de'])[1 + g % 4],
       n.first || ' ' || n.last,
       case when g % 10 = 0 then 'nick' || g else null end,
       now() - interval '366 days' + (g * interval '1 second' * (31536000.0 / :conversations)),
       now() - interval '366 days' + (g * interval '1 second' * (31536000.0 / :conversations))
from generate_series(1, :conversations) g
join seed_names n on n.i = (g * 7 + g / 20) % 20;

-- Status mix: 10 % unclaimed, 10 % assigned, 8 % awaiting customer, 2 % blocked, 70 % closed.
insert into conversation (id, customer_id, telegram_chat_id, status, codename, created_at, updated_at,
                          last_read_at, assignee_id, assigned_at, closed_at)
select md5('conversation' || g)::uuid, md5('customer' || g)::uuid, 5000000000 + g,
       s.status, 'Seed ' || to_hex(g) || ' #' || upper(lpad(to_hex(g % 65536), 4, '0')),
       c0, c0, case when g % 4 = 0 then null else c0 + interval '1 hour' end,
       case when s.status in ('OPEN_ASSIGNED', 'AWAITING_CUSTOMER') or (s.status = 'CLOSED' and g % 2 = 0)
            then (select id from seed_operators o where o.i = g % 20) end,
       case when s.status in ('OPEN_ASSIGNED', 'AWAITING_CUSTOMER') then c0 end,
       case when s.status = 'CLOSED' then c0 + interval '2 hours' end
from generate_series(1, :conversations) g
cross join lateral (select now() - interval '365 days' + (g * interval '1 second' * (31536000.0 / :conversations)) as c0) t
cross join lateral (select case
        when g % 100 < 10 then 'OPEN_UNCLAIMED' when g % 100 < 20 then 'OPEN_ASSIGNED'
        when g % 100 < 28 then 'AWAITING_CUSTOMER' when g % 100 < 30 then 'BLOCKED' else 'CLOSED' end as status) s;

-- Messages: alternating INBOUND (customer) / OUTBOUND (operator), a minute apart, 4..12 words each.
insert into message (id, conversation_id, direction, status, text, telegram_chat_id, telegram_message_id,
                     operator_id, operator_name, created_at, updated_at)
select md5('message' || g || '/' || k)::uuid, md5('conversation' || g)::uuid,
       case when k % 2 = 1 then 'INBOUND' else 'OUTBOUND' end,
       case when k % 2 = 1 then 'RECEIVED' else 'SENT' end,
       (select string_agg(w.word, ' ') from generate_series(0, 3 + (g + k) % 9) j
            join seed_words w on w.i = (g * 31 + k * 17 + j * 13) % 50),
       5000000000 + g, case when k % 2 = 1 then k end,
       case when k % 2 = 0 then (select id from seed_operators o where o.i = g % 20) end,
       case when k % 2 = 0 then 'Operator ' || (g % 20) end,
       c.created_at + k * interval '1 minute', c.created_at + k * interval '1 minute'
from generate_series(1, :conversations) g
cross join generate_series(1, :messages_per_conversation) k
join conversation c on c.id = md5('conversation' || g)::uuid;

update conversation c set last_message_id = m.id, last_message_at = m.created_at, updated_at = m.created_at,
                          last_inbound_at = m.created_at - interval '1 minute', last_outbound_at = m.created_at
from message m
where m.conversation_id = c.id and m.created_at = c.created_at + :messages_per_conversation * interval '1 minute';

-- 20 tags; about a third of the conversations carry one or two.
insert into tag (id, name, color, created_at)
select md5('tag' || t)::uuid, 'tag-' || t, '#' || lpad(to_hex(t * 123456 % 16777216), 6, '0'), now()
from generate_series(1, 20) t;
insert into conversation_tag (conversation_id, tag_id, attached_at)
select md5('conversation' || g)::uuid, md5('tag' || (1 + g % 20))::uuid, now()
from generate_series(1, :conversations) g where g % 3 = 0
union all
select md5('conversation' || g)::uuid, md5('tag' || (1 + (g / 7) % 20))::uuid, now()
from generate_series(1, :conversations) g where g % 9 = 0 and (g / 7) % 20 <> g % 20;

-- The benchmark's operator holds the first synthetic operator's conversations ("mine").
update conversation set assignee_id = :me::uuid where assignee_id = '00000000-0000-4000-8000-000000000001';
