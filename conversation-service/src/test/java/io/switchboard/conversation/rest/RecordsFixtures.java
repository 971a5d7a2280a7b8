package io.switchboard.conversation.rest;

import io.switchboard.conversation.TestDatabase;
import io.switchboard.conversation.TestUpdates;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Rows written straight into the test database for the records-management tests (transcripts, bulk delete,
 * retention, erasure), with the exact timestamps and states a test needs.
 */
final class RecordsFixtures {

    /** Tables that hold rows of a conversation (by {@code conversation_id}), besides {@code conversation} itself. */
    static final List<String> CONVERSATION_TABLES = List.of("message", "note", "conversation_tag", "conversation_timer",
            "system_message_emission");

    private RecordsFixtures() {
    }

    static UUID customer(String displayName, String username, String nickname, String languageCode, Instant createdAt) {
        UUID id = UUID.randomUUID();
        long telegramId = TestUpdates.nextId();
        TestDatabase.update("""
                insert into customer (id, telegram_user_id, telegram_chat_id, first_name, username, language_code,
                                      display_name, nickname, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, telegramId, telegramId, displayName, username,
                languageCode, displayName, nickname, at(createdAt), at(createdAt));
        return id;
    }

    /** A conversation; {@code closedAt} may be null. Codename: "Test Fox #xxxxxx" with a random hex suffix. */
    static UUID conversation(UUID customerId, String status, Instant createdAt, Instant closedAt, UUID assigneeId) {
        return conversation(customerId, status, "Test Fox #" + Integer.toHexString(ThreadLocalRandom.current()
                .nextInt(0x100000, 0xFFFFFF)).toUpperCase(), createdAt, closedAt, assigneeId);
    }

    static UUID conversation(UUID customerId, String status, String codename, Instant createdAt, Instant closedAt,
                             UUID assigneeId) {
        UUID id = UUID.randomUUID();
        long chatId = (Long) TestDatabase.query("select telegram_chat_id from customer where id = ?", customerId)
                .get(0).get("telegram_chat_id");
        TestDatabase.update("""
                insert into conversation (id, customer_id, telegram_chat_id, status, codename, created_at, updated_at,
                                          closed_at, assignee_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, customerId, chatId, status, codename, at(createdAt),
                at(closedAt == null ? createdAt : closedAt), at(closedAt), assigneeId);
        return id;
    }

    static UUID message(UUID conversationId, String direction, String status, String text, Instant createdAt,
                        UUID operatorId, String operatorName, String systemKey) {
        UUID id = UUID.randomUUID();
        TestDatabase.update("""
                insert into message (id, conversation_id, direction, status, text, telegram_chat_id, operator_id,
                                     operator_name, system_key, created_at, updated_at)
                values (?, ?, ?, ?, ?, (select telegram_chat_id from conversation where id = ?), ?, ?, ?, ?, ?)""",
                id, conversationId, direction, status, text, conversationId, operatorId, operatorName, systemKey,
                at(createdAt), at(createdAt));
        return id;
    }

    static UUID note(UUID conversationId, UUID operatorId, String operatorName, String text, Instant createdAt) {
        UUID id = UUID.randomUUID();
        TestDatabase.update("""
                insert into note (id, conversation_id, operator_id, operator_name, text, created_at)
                values (?, ?, ?, ?, ?, ?)""", id, conversationId, operatorId, operatorName, text, at(createdAt));
        return id;
    }

    /** A new tag named {@code prefix} plus a random suffix (names are unique). */
    static UUID tag(String prefix, String color) {
        UUID id = UUID.randomUUID();
        TestDatabase.update("insert into tag (id, name, color, created_at) values (?, ?, ?, now())", id,
                tagName(prefix, id), color);
        return id;
    }

    static String tagName(String prefix, UUID id) {
        return prefix + " " + id.toString().substring(0, 6);
    }

    static void attach(UUID conversationId, UUID tagId) {
        TestDatabase.update("insert into conversation_tag (conversation_id, tag_id, attached_at) values (?, ?, now())",
                conversationId, tagId);
    }

    /** Everything else that hangs off a conversation: a note, a tag link, a timer (due in 30 days, so it never fires during
     * a test), a system-message emission, an audit row with states. */
    static void extras(UUID conversationId, UUID operatorId) {
        note(conversationId, operatorId, "Olga", "internal remark", Instant.parse("2024-01-01T00:00:00Z"));
        attach(conversationId, tag("Extra", "#123456"));
        TestDatabase.update("""
                insert into conversation_timer (conversation_id, kind, due_at) values (?, 'AUTO_CLOSE', now() + interval '30 days')
                on conflict do nothing""",
                conversationId);
        TestDatabase.update("""
                insert into system_message_emission (conversation_id, key, emitted_at) values (?, 'welcome_message', now())
                on conflict do nothing""",
                conversationId);
        audit(conversationId, operatorId, "conversation.claimed", "{\"status\":\"OPEN_UNCLAIMED\",\"assigneeId\":null}",
                "{\"status\":\"OPEN_ASSIGNED\",\"assigneeId\":\"" + operatorId + "\"}");
    }

    static UUID audit(UUID conversationId, UUID actorId, String action, String beforeJson, String afterJson) {
        UUID id = UUID.randomUUID();
        TestDatabase.update("""
                insert into audit_entry (id, conversation_id, actor_id, actor_name, action, before_state, after_state,
                                         occurred_at)
                values (?, ?, ?, 'Olga', ?, cast(? as jsonb), cast(? as jsonb), now())""",
                id, conversationId, actorId, action, beforeJson, afterJson);
        return id;
    }

    /** Rows of {@code conversationId} in {@code conversation} and every table of {@link #CONVERSATION_TABLES}. */
    static long rowsOf(UUID conversationId) {
        long rows = TestDatabase.scalar("select count(*) from conversation where id = ?", conversationId);
        for (String table : CONVERSATION_TABLES) {
            rows += TestDatabase.scalar("select count(*) from " + table + " where conversation_id = ?", conversationId);
        }
        return rows;
    }

    /** Payloads of {@code conversation.deleted} events queued in the outbox for {@code conversationId}. */
    static List<String> deletedEvents(UUID conversationId) {
        return TestDatabase.query("""
                select payload from outbox where topic = 'conversation.events' and message_key = ?
                  and payload like '%"type":"conversation.deleted"%' order by id""", conversationId.toString())
                .stream().map(row -> (String) row.get("payload")).toList();
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
