package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.Message;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Operator search over customers (trigram indexes on name, username, nickname) and message text (full-text index on
 * {@code message.search_vector}, configuration {@code simple}). Never returns BLOCKED messages.
 */
@ApplicationScoped
@WithSession
public class SearchRepository implements PanacheRepositoryBase<Message, UUID> {

    /**
     * A customer that matched, with their latest conversation.
     *
     * @param conversationId the customer's most recently opened conversation, or null when they have none
     */
    public record CustomerHit(UUID id, String displayName, String username, String nickname, UUID conversationId) {
    }

    /**
     * A message that matched.
     *
     * @param snippet a plain-text fragment of the message around the matched words
     */
    public record MessageHit(UUID conversationId, UUID messageId, String codename, String snippet, Instant createdAt) {
    }

    /**
     * Customers whose display name, username or nickname contains {@code text} ignoring case, or whose display name
     * is similar to it (trigram similarity above {@code pg_trgm.similarity_threshold}, 0.3 by default); best match
     * first.
     *
     * @param limit at most this many
     */
    public Uni<List<CustomerHit>> customers(String text, int limit) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select u.id, u.display_name, u.username, u.nickname,
                               (select c.id from conversation c where c.customer_id = u.id
                                order by c.created_at desc limit 1) as conversation_id
                        from customer u
                        where u.display_name ilike :pattern or u.username ilike :pattern or u.nickname ilike :pattern
                           or u.display_name % :text
                        order by greatest(similarity(u.display_name, :text), similarity(coalesce(u.username, ''), :text),
                                          similarity(coalesce(u.nickname, ''), :text)) desc,
                                 u.display_name, u.id
                        limit :limit""", Object[].class)
                        .setParameter("pattern", LikePattern.containing(text))
                        .setParameter("text", text)
                        .setParameter("limit", limit)
                        .getResultList())
                .map(rows -> rows.stream().map(row -> new CustomerHit((UUID) row[0], (String) row[1], (String) row[2],
                        (String) row[3], (UUID) row[4])).toList());
    }

    /**
     * The full-text query for what an operator typed: the words Postgres finds in {@code text} (parser of the
     * {@code simple} configuration, lower-cased), each as a prefix ({@code word:*}), all required. Null when
     * {@code text} holds no word (only punctuation, say).
     */
    public Uni<String> prefixQuery(String text) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select cast(to_tsquery('simple', string_agg(
                                   chr(39) || replace(replace(t.lexeme, chr(92), chr(92) || chr(92)), chr(39), chr(39) || chr(39))
                                   || chr(39) || ':*', ' & ')) as text)
                        from unnest(to_tsvector('simple', :text)) as t""", String.class)
                        .setParameter("text", text)
                        .getSingleResult());
    }

    /**
     * Messages that match the full-text query {@code tsquery} (from {@link #prefixQuery(String)}), newest first,
     * skipping BLOCKED messages (never shown to operators) and system messages.
     *
     * @param tsquery a {@code tsquery} in text form
     * @param limit   at most this many
     */
    public Uni<List<MessageHit>> messages(String tsquery, int limit) {
        return getSession().chain(session -> session.createNativeQuery("""
                        select m.conversation_id, m.id, c.codename,
                               ts_headline('simple', m.text, cast(:query as tsquery),
                                           'StartSel="", StopSel="", MinWords=8, MaxWords=24, MaxFragments=1, FragmentDelimiter=" … "'),
                               m.created_at
                        from (select m.id, m.conversation_id, m.text, m.created_at
                              from message m
                              where m.search_vector @@ cast(:query as tsquery)
                                and m.status <> 'BLOCKED' and m.system_key is null
                              order by m.created_at desc, m.id desc
                              limit :limit) m
                        join conversation c on c.id = m.conversation_id
                        order by m.created_at desc, m.id desc""", Object[].class)
                        .setParameter("query", tsquery)
                        .setParameter("limit", limit)
                        .getResultList())
                .map(rows -> rows.stream().map(row -> new MessageHit((UUID) row[0], (UUID) row[1], (String) row[2],
                        (String) row[3], toInstant(row[4]))).toList());
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
