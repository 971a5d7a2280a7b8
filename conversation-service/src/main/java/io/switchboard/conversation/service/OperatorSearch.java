package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.repository.SearchRepository;
import io.switchboard.conversation.rest.SearchResults;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The operator's search box: customers by display name, username or nickname (substring ignoring case, topped up
 * with similar display names; trigram indexes), and messages by words of their text (full-text, word prefixes, any
 * script; never BLOCKED or system messages), newest first.
 */
@ApplicationScoped
public class OperatorSearch {

    /** Most customers and most messages in one answer. */
    public static final int MAX_HITS = 20;

    /** How many of the newest messages the first, constant-cost pass looks at. */
    static final int NEWEST_WINDOW = 10_000;

    private final SearchRepository search;

    public OperatorSearch(SearchRepository search) {
        this.search = search;
    }

    /**
     * Searches customers and messages.
     *
     * @param text validated, trimmed, at least 2 characters; a leading {@code @} is ignored for usernames
     */
    @WithSession
    public Uni<SearchResults> search(String text) {
        String name = text.startsWith("@") && text.length() > 1 ? text.substring(1) : text;
        return customers(name)
                .map(rows -> rows.stream().map(hit -> new SearchResults.CustomerHit(hit.id(), hit.displayName(),
                        hit.username(), hit.nickname(), hit.conversationId())).toList())
                .chain(customers -> search.prefixQuery(text)
                        .chain(query -> query == null || query.isBlank()
                                ? Uni.createFrom().item(List.<SearchRepository.MessageHit>of())
                                : messages(query))
                        .map(rows -> new SearchResults(customers, rows.stream().map(hit -> new SearchResults.MessageHit(
                                hit.conversationId(), hit.messageId(), hit.codename(), hit.snippet(), hit.createdAt()))
                                .toList())));
    }

    /**
     * Customers whose name, username or nickname contains {@code text}; when fewer than {@value #MAX_HITS}, topped up
     * with customers whose display name is similar to it (a typo), for texts of at least 3 characters.
     */
    private Uni<List<SearchRepository.CustomerHit>> customers(String text) {
        return search.customersContaining(text, MAX_HITS).chain(containing -> {
            if (containing.size() >= MAX_HITS || text.codePointCount(0, text.length()) < 3) {
                return Uni.createFrom().item(containing);
            }
            return search.customersSimilarTo(text, MAX_HITS + containing.size()).map(similar -> {
                java.util.Set<java.util.UUID> seen = new java.util.HashSet<>();
                List<SearchRepository.CustomerHit> all = new java.util.ArrayList<>(containing);
                containing.forEach(hit -> seen.add(hit.id()));
                for (SearchRepository.CustomerHit hit : similar) {
                    if (all.size() < MAX_HITS && seen.add(hit.id())) {
                        all.add(hit);
                    }
                }
                return all;
            });
        });
    }

    /**
     * The newest matching messages: first among the {@value #NEWEST_WINDOW} newest messages (constant cost), and only
     * when they hold fewer than {@value #MAX_HITS} matches among all messages through the full-text index (cost
     * grows with the number of matches, which is then small or old).
     */
    private Uni<List<SearchRepository.MessageHit>> messages(String tsquery) {
        return search.newestMessages(tsquery, NEWEST_WINDOW, MAX_HITS)
                .chain(newest -> newest.size() >= MAX_HITS ? Uni.createFrom().item(newest)
                        : search.allMessages(tsquery, MAX_HITS));
    }
}
