package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.CannedResponse;
import io.switchboard.conversation.mapping.OperatorToolMapper;
import io.switchboard.conversation.repository.CannedResponseRepository;
import io.switchboard.conversation.repository.LikePattern;
import io.switchboard.conversation.rest.CannedResponseView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Canned responses: shared ones (every operator sees them, admins create, edit and delete them) and personal ones
 * (only the owner sees, edits and deletes them). A shortcut is unique among what one operator sees. Every change
 * is written to the audit log ({@code canned_response.created|updated|deleted}, no conversation).
 */
@ApplicationScoped
public class CannedResponses {

    private final CannedResponseRepository repository;
    private final AuditTrail audit;
    private final Clock clock;

    public CannedResponses(CannedResponseRepository repository, AuditTrail audit, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A validated canned response as an operator wants it.
     *
     * @param category null for none
     * @param shortcut null for none
     * @param shared   null: personal for a new one, unchanged for an existing one
     */
    public record Draft(String title, String text, String category, String shortcut, Boolean shared) {
    }

    /** What the audit log keeps of a canned response. */
    record AuditState(UUID id, String title, String text, String category, String shortcut, boolean shared, UUID ownerId) {
        static AuditState of(CannedResponse r) {
            return new AuditState(r.id, r.title, r.text, r.category, r.shortcut, r.shared, r.ownerId);
        }
    }

    /**
     * What {@code actor} sees: shared ones and their personal ones, most used first, then by title.
     *
     * @param text     keep those whose title, text or shortcut contains it (ignoring case), or null
     * @param category keep those in this category (ignoring case), or null
     */
    @WithSession
    public Uni<List<CannedResponseView>> visibleTo(Actor actor, String text, String category) {
        String pattern = text == null ? null : LikePattern.containing(text.toLowerCase(Locale.ROOT));
        return repository.visibleTo(actor.id(), pattern, category)
                .map(rows -> rows.stream().map(OperatorToolMapper::view).toList());
    }

    /**
     * Creates a canned response owned by {@code actor}.
     *
     * @throws RefusedException NOT_ALLOWED when a non-admin asks for a shared one; CONFLICT when the shortcut is
     *                          taken among what someone would see
     */
    @WithTransaction
    public Uni<CannedResponseView> create(Actor actor, Draft draft) {
        boolean shared = Boolean.TRUE.equals(draft.shared());
        if (shared && !actor.admin()) {
            return Uni.createFrom().failure(RefusedException.notAllowed("Only admins create shared canned responses."));
        }
        Instant now = now();
        CannedResponse response = new CannedResponse();
        response.id = UUID.randomUUID();
        response.ownerId = actor.id();
        response.shared = shared;
        response.usageCount = 0;
        response.createdAt = now;
        apply(response, draft);
        response.updatedAt = now;
        return checkShortcut(response.shortcut, response.shared, response.ownerId, response.id)
                .chain(() -> repository.persist(response))
                .call(() -> repository.flush())
                .call(created -> audit.record(null, actor, "canned_response.created", null, AuditState.of(created), now))
                .map(OperatorToolMapper::view);
    }

    /**
     * Replaces title, text, category, shortcut (and, when given, shared) of a canned response. A shared one turned
     * personal becomes the personal one of the admin who did it.
     *
     * @throws RefusedException NOT_FOUND when it does not exist; NOT_ALLOWED when {@code actor} may not edit it (a
     *                          shared one: admins only; a personal one: its owner only) or a non-admin asks to share
     *                          it; CONFLICT when the shortcut is taken
     */
    @WithTransaction
    public Uni<CannedResponseView> update(Actor actor, UUID id, Draft draft) {
        Instant now = now();
        return editable(actor, id).chain(response -> {
            boolean shared = draft.shared() == null ? response.shared : draft.shared();
            if (shared && !actor.admin()) {
                return Uni.createFrom().failure(RefusedException.notAllowed("Only admins share canned responses."));
            }
            AuditState before = AuditState.of(response);
            UUID owner = response.shared && !shared ? actor.id() : response.ownerId;
            // check before touching the managed entity: an auto-flush must not write a clashing shortcut
            return checkShortcut(draft.shortcut(), shared, owner, response.id)
                    .invoke(() -> {
                        response.ownerId = owner;
                        response.shared = shared;
                        apply(response, draft);
                        response.updatedAt = now;
                    })
                    .chain(() -> repository.flush())
                    .chain(() -> audit.record(null, actor, "canned_response.updated", before, AuditState.of(response), now))
                    .map(ignored -> OperatorToolMapper.view(response));
        });
    }

    /**
     * Deletes a canned response.
     *
     * @throws RefusedException NOT_FOUND when it does not exist; NOT_ALLOWED when {@code actor} may not edit it
     */
    @WithTransaction
    public Uni<Void> delete(Actor actor, UUID id) {
        Instant now = now();
        return editable(actor, id).chain(response -> repository.delete(response)
                .chain(() -> audit.record(null, actor, "canned_response.deleted", AuditState.of(response), null, now)));
    }

    /**
     * Counts one use (the operator inserted it into a reply): usage count + 1, atomically.
     *
     * @throws RefusedException NOT_FOUND when it does not exist; NOT_ALLOWED when it is someone else's personal one
     */
    @WithTransaction
    public Uni<CannedResponseView> use(Actor actor, UUID id) {
        return repository.findById(id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .chain(response -> {
                    if (!response.visibleTo(actor)) {
                        return Uni.createFrom().failure(RefusedException.notAllowed(
                                "This canned response is another operator's personal one."));
                    }
                    return repository.incrementUsage(id).map(count -> OperatorToolMapper.view(response, count));
                });
    }

    private Uni<CannedResponse> editable(Actor actor, UUID id) {
        return repository.findById(id)
                .onItem().ifNull().failWith(() -> notFound(id))
                .chain(response -> {
                    if (!response.editableBy(actor)) {
                        return Uni.createFrom().failure(RefusedException.notAllowed(response.shared
                                ? "Only admins edit or delete shared canned responses."
                                : "Only its owner edits or deletes a personal canned response."));
                    }
                    return Uni.createFrom().item(response);
                });
    }

    /**
     * Fails with CONFLICT when another canned response would show the same shortcut to some operator. Holds an
     * advisory lock on the shortcut until commit, so two concurrent writers cannot both pass the check.
     */
    private Uni<Void> checkShortcut(String shortcut, boolean shared, UUID ownerId, UUID id) {
        if (shortcut == null) {
            return Uni.createFrom().voidItem();
        }
        return repository.lockShortcut(shortcut)
                .chain(() -> repository.shortcutClash(shortcut, shared, ownerId, id))
                .chain(clash -> {
                    if (clash == null) {
                        return Uni.createFrom().voidItem();
                    }
                    String detail;
                    if (clash.shared) {
                        detail = "The shortcut /" + shortcut + " is already used by the shared canned response \""
                                + clash.title + "\".";
                    } else if (clash.ownerId.equals(ownerId)) {
                        detail = "The shortcut /" + shortcut + " is already used by your canned response \""
                                + clash.title + "\".";
                    } else {
                        detail = "The shortcut /" + shortcut + " is already used by an operator's personal"
                                + " canned response; a shared shortcut must be unique for everyone.";
                    }
                    return Uni.createFrom().failure(RefusedException.conflict(detail));
                });
    }

    private static void apply(CannedResponse response, Draft draft) {
        response.title = draft.title();
        response.text = draft.text();
        response.category = draft.category();
        response.shortcut = draft.shortcut();
    }

    private static RefusedException notFound(UUID id) {
        return RefusedException.notFound("Canned response " + id + " does not exist.");
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
