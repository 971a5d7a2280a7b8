package io.switchboard.conversation.service;

import io.switchboard.conversation.domain.CodenameGenerator;
import io.switchboard.conversation.repository.ConversationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.function.Function;

/**
 * Codenames that are free among conversations that are not CLOSED (the partial unique index
 * {@value #OPEN_CODENAME_INDEX}), for opening a conversation or bringing a closed one back.
 *
 * <p>A codename is checked, not reserved: another transaction may give an open conversation the same codename between
 * the check and the write. {@link #write} therefore runs the write in a savepoint and, when it violates the index,
 * rolls back to the savepoint and writes again with a freshly drawn codename.
 */
@ApplicationScoped
public class Codenames {

    /** The partial unique index on {@code conversation (codename) where status <> 'CLOSED'}. */
    public static final String OPEN_CODENAME_INDEX = "conversation_open_codename_uq";

    /** How often {@link #write} writes again with a fresh codename after losing its codename to another transaction. */
    static final int CLASH_RETRIES = 3;

    private static final Logger LOG = Logger.getLogger(Codenames.class);

    /** How many codenames to draw before leaving a (very unlikely) collision to the unique index. */
    private static final int DRAWS = 8;

    private static final String SAVEPOINT = "codename_write";

    private final ConversationRepository conversations;
    private final CodenameGenerator generator = new CodenameGenerator();

    public Codenames(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    /** What {@link #write} wrote. */
    public record Written<T>(String codename, T result) {
    }

    /** A newly drawn codename that no conversation outside CLOSED uses (checked, not reserved). */
    public Uni<String> free() {
        return draw(DRAWS);
    }

    /**
     * {@code current} when no conversation outside CLOSED uses it, else a newly drawn free one: for a CLOSED
     * conversation about to leave CLOSED (reopen, block).
     */
    public Uni<String> keepOrRedraw(String current) {
        return conversations.codenameInUse(current).chain(used -> used ? free() : Uni.createFrom().item(current));
    }

    /**
     * Runs {@code write} (one statement that gives a conversation a codename and a status other than CLOSED) with
     * {@code codename}, inside the caller's transaction and within a savepoint. When the statement violates
     * {@value #OPEN_CODENAME_INDEX} (a concurrent transaction took the codename after it was checked free and
     * committed), the transaction is rolled back to the savepoint and {@code write} runs again with a freshly drawn
     * free codename, at most {@value #CLASH_RETRIES} times; after that the violation fails the Uni.
     *
     * <p>Pending changes of the session are flushed before the savepoint (so a rollback to it never undoes them);
     * {@code write} must not change managed entities before its statement succeeds.
     *
     * @param codename the codename to try first (from {@link #keepOrRedraw} or {@link #free})
     * @param write    the statement, given the codename to write
     * @return the codename written and what {@code write} returned
     */
    public <T> Uni<Written<T>> write(String codename, Function<String, Uni<T>> write) {
        return conversations.getSession()
                .chain(session -> session.flush())
                .chain(() -> statement("savepoint " + SAVEPOINT))
                .chain(() -> attempt(codename, write, CLASH_RETRIES))
                .call(() -> statement("release savepoint " + SAVEPOINT));
    }

    private <T> Uni<Written<T>> attempt(String codename, Function<String, Uni<T>> write, int retriesLeft) {
        return write.apply(codename)
                .map(result -> new Written<>(codename, result))
                .onFailure(failure -> retriesLeft > 0 && UniqueViolations.isUniqueViolationOf(failure, OPEN_CODENAME_INDEX))
                .recoverWithUni(failure -> statement("rollback to savepoint " + SAVEPOINT)
                        .chain(this::free)
                        .invoke(fresh -> LOG.infof("Codename %s was taken meanwhile; writing %s instead", codename, fresh))
                        .chain(fresh -> attempt(fresh, write, retriesLeft - 1)));
    }

    private Uni<Integer> statement(String sql) {
        return conversations.getSession().chain(session -> session.createNativeQuery(sql).executeUpdate());
    }

    private Uni<String> draw(int drawsLeft) {
        String codename = generator.next();
        return conversations.codenameInUse(codename)
                .chain(used -> used && drawsLeft > 1 ? draw(drawsLeft - 1) : Uni.createFrom().item(codename));
    }
}
