package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.repository.SearchRepository;
import io.switchboard.conversation.rest.SearchResults;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The operator's search box: customers by display name, username or nickname (substring ignoring case, or similar
 * display name; trigram indexes), and messages by words of their text (full-text, word prefixes, any script; never
 * BLOCKED or system messages).
 */
@ApplicationScoped
public class OperatorSearch {

    /** Most customers and most messages in one answer. */
    public static final int MAX_HITS = 20;

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
        return search.customers(name, MAX_HITS)
                .map(rows -> rows.stream().map(hit -> new SearchResults.CustomerHit(hit.id(), hit.displayName(),
                        hit.username(), hit.nickname(), hit.conversationId())).toList())
                .chain(customers -> search.prefixQuery(text)
                        .chain(query -> query == null || query.isBlank()
                                ? Uni.createFrom().item(List.<SearchRepository.MessageHit>of())
                                : search.messages(query, MAX_HITS))
                        .map(rows -> new SearchResults(customers, rows.stream().map(hit -> new SearchResults.MessageHit(
                                hit.conversationId(), hit.messageId(), hit.codename(), hit.snippet(), hit.createdAt()))
                                .toList())));
    }
}
