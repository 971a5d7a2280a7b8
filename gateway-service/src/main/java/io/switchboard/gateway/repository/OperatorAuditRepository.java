package io.switchboard.gateway.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.switchboard.gateway.domain.OperatorAudit;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The {@code operator_audit} table. {@code persist} needs the caller's transaction. */
@ApplicationScoped
public class OperatorAuditRepository implements PanacheRepositoryBase<OperatorAudit, Long> {

    /**
     * Up to {@code limit} entries about one operator, newest first, older than the entry {@code before} (exclusive;
     * null for the newest).
     */
    @WithSession
    public Uni<List<OperatorAudit>> pageOf(UUID operatorId, Long before, int limit) {
        var query = before == null
                ? find("operatorId = ?1", Sort.descending("id"), operatorId)
                : find("operatorId = ?1 and id < ?2", Sort.descending("id"), operatorId, before);
        return query.page(Page.ofSize(limit)).list();
    }
}
