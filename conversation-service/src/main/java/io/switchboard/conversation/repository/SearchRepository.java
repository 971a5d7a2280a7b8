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
     * @param snippet the whole text when at most 200 characters, else a plain-text fragment of about 30 words
     *                around the matched words
     */
    public record MessageHit(UUID conversationId, UUID messageId, String codename, String snippet, Instant createdAt) {
    }

    /**
     * Customers whose display name, username or nickname contains {@code text} ignoring case (trigram GIN indexes;
     * a text shorter than 3 characters has no trigram and scans the table): exact matches first, then those that
     * start with it, then the rest, each by display name.
     *
     * @param limit at most this many
     */
    public Uni<List<CustomerHit>> customersContaining(String text, int limit) {
        return customers("""
                where u.display_name ilike :pattern escape '!' or u.username ilike :pattern escape '!'
                   or u.nickname ilike :pattern escape '!'
                order by case when lower(u.display_name) = lower(:text) or lower(u.username) = lower(:text)
                                   or lower(u.nickname) = lower(:text) then 0
                              when u.display_name ilike :prefix escape '!' or u.username ilike :prefix escape '!'
                                   or u.nickname ilike :prefix escape '!' then 1
                              else 2 end,
                         u.display_name, u.id""", text, limit);
    }

    /**
     * Customers whose display name is similar to {@code text} (pg_trgm {@code %}: trigram similarity above
     * {@code pg_trgm.similarity_threshold}, 0.3 by default), most similar first: finds names with a typo.
     *
     * @param limit at most this many
     */
    public Uni<List<CustomerHit>> customersSimilarTo(String text, int limit) {
        return customers("""
                where u.display_name % :text
                order by similarity(u.display_name, :text) desc, u.display_name, u.id""", text, limit);
    }

    private Uni<List<CustomerHit>> customers(String whereAndOrder, String text, int limit) {
        return getSession().chain(session -> {
            var query = session.createNativeQuery("""
                            select u.id, u.display_name, u.username, u.nickname,
                                   (select c.id from conversation c where c.customer_id = u.id
                                    order by c.created_at desc limit 1) as conversation_id
                            from customer u
                            """ + whereAndOrder + " limit :limit", Object[].class)
                    .setParameter("text", text)
                    .setParameter("limit", limit);
            if (whereAndOrder.contains(":pattern")) {
                query.setParameter("pattern", LikePattern.containing(text))
                        .setParameter("prefix", LikePattern.escape(text) + "%");
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> new CustomerHit((UUID) row[0], (String) row[1], (String) row[2],
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
     * The newest messages that match the full-text query {@code tsquery} (from {@link #prefixQuery(String)}), looking
     * only at the {@code window} newest messages of all: walks {@code message_created_idx} backwards, so it costs the
     * same whatever the words (about 5 ms for 10,000 messages). Enough for words that are in recent use.
     *
     * @param limit at most this many, newest first; BLOCKED and system messages never match
     */
    public Uni<List<MessageHit>> newestMessages(String tsquery, int window, int limit) {
        return hits("""
                select w.id from (select m.id, m.created_at, m.search_vector, m.status, m.system_key from message m
                                  order by m.created_at desc, m.id desc limit :window) w
                where w.search_vector @@ cast(:query as tsquery) and w.status <> 'BLOCKED' and w.system_key is null
                order by w.created_at desc, w.id desc limit :limit""", tsquery, window, limit);
    }

    /**
     * The newest messages that match the full-text query {@code tsquery} among all messages: every match is found
     * through the GIN index {@code message_search_idx} (a materialised step, so the planner cannot trade it for a
     * walk over all messages in time order, which its estimates for prefix queries would often pick), then the
     * newest are kept. Costs grow with the number of matches; for rare words it takes well under a millisecond.
     *
     * @param limit at most this many, newest first; BLOCKED and system messages never match
     */
    public Uni<List<MessageHit>> allMessages(String tsquery, int limit) {
        return hits("""
                with matches as materialized (
                    select m.id, m.created_at from message m
                    where m.search_vector @@ cast(:query as tsquery) and m.status <> 'BLOCKED' and m.system_key is null)
                select id from matches order by created_at desc, id desc limit :limit""", tsquery, null, limit);
    }

    /** The hits for the message ids {@code idsSql} selects, with codename and snippet, newest first. */
    private Uni<List<MessageHit>> hits(String idsSql, String tsquery, Integer window, int limit) {
        return getSession().chain(session -> {
            var query = session.createNativeQuery("""
                            select m.conversation_id, m.id, c.codename,
                                   case when char_length(m.text) <= 200 then m.text
                                        else ts_headline('simple', m.text, cast(:query as tsquery),
                                               'StartSel="", StopSel="", MinWords=10, MaxWords=30, MaxFragments=1, FragmentDelimiter=" … "')
                                   end,
                                   m.created_at
                            from (""" + idsSql + """
                            ) h
                            join message m on m.id = h.id
                            join conversation c on c.id = m.conversation_id
                            order by m.created_at desc, m.id desc""", Object[].class)
                    .setParameter("query", tsquery)
                    .setParameter("limit", limit);
            if (window != null) {
                query.setParameter("window", window);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> new MessageHit((UUID) row[0], (UUID) row[1], (String) row[2],
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
