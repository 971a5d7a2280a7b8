package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.CannedResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The {@code canned_response} table. */
@ApplicationScoped
@WithSession
public class CannedResponseRepository implements PanacheRepositoryBase<CannedResponse, UUID> {

    /**
     * The canned responses operator {@code operatorId} sees (shared ones and their personal ones), most used first,
     * then by title.
     *
     * @param pattern  a LIKE pattern (already lower-case, see {@link LikePattern}) matched against title, text and
     *                 shortcut, or null for all
     * @param category exact category ignoring case, or null for all
     */
    public Uni<List<CannedResponse>> visibleTo(UUID operatorId, String pattern, String category) {
        StringBuilder hql = new StringBuilder("from CannedResponse r where (r.shared = true or r.ownerId = :me)");
        if (pattern != null) {
            hql.append(" and (lower(r.title) like :pattern escape '!' or lower(r.text) like :pattern escape '!'"
                    + " or r.shortcut like :pattern escape '!')");
        }
        if (category != null) {
            hql.append(" and lower(r.category) = lower(:category)");
        }
        hql.append(" order by r.usageCount desc, lower(r.title), r.id");
        return getSession().chain(session -> {
            var query = session.createSelectionQuery(hql.toString(), CannedResponse.class).setParameter("me", operatorId);
            if (pattern != null) {
                query.setParameter("pattern", pattern);
            }
            if (category != null) {
                query.setParameter("category", category);
            }
            return query.getResultList();
        });
    }

    /**
     * Waits until no other transaction checks or changes the same shortcut (a transaction-scoped advisory lock on
     * it), so that the cross-row rule "a personal shortcut never equals a shared one" holds under concurrency.
     */
    public Uni<Void> lockShortcut(String shortcut) {
        return getSession().chain(session -> session
                        .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext('canned_response.shortcut'), hashtext(:shortcut))) l",
                                Long.class)
                        .setParameter("shortcut", shortcut)
                        .getSingleResult())
                .replaceWithVoid();
    }

    /**
     * Another canned response that would show the same shortcut to some operator as a {@code shared} (or personal,
     * owned by {@code ownerId}) one with {@code shortcut}: for a shared one any other with that shortcut, for a
     * personal one a shared one or another personal one of the same owner. Null when there is none.
     *
     * @param excludeId the canned response being changed, or null for a new one
     */
    public Uni<CannedResponse> shortcutClash(String shortcut, boolean shared, UUID ownerId, UUID excludeId) {
        String exclude = excludeId == null ? "" : " and r.id <> :exclude";
        String hql = shared
                ? "from CannedResponse r where r.shortcut = :shortcut" + exclude
                : "from CannedResponse r where r.shortcut = :shortcut and (r.shared = true or r.ownerId = :owner)" + exclude;
        return getSession().chain(session -> {
            var query = session.createSelectionQuery(hql + " order by r.shared desc", CannedResponse.class)
                    .setParameter("shortcut", shortcut)
                    .setMaxResults(1);
            if (!shared) {
                query.setParameter("owner", ownerId);
            }
            if (excludeId != null) {
                query.setParameter("exclude", excludeId);
            }
            return query.getResultList();
        }).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * Adds one to the usage count.
     *
     * @return the new count
     */
    public Uni<Long> incrementUsage(UUID id) {
        return getSession().chain(session -> session
                .createNativeQuery("update canned_response set usage_count = usage_count + 1 where id = :id returning usage_count",
                        Long.class)
                .setParameter("id", id)
                .getSingleResult());
    }
}
