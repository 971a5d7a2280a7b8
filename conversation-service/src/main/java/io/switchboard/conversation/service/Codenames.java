package io.switchboard.conversation.service;

import io.switchboard.conversation.domain.CodenameGenerator;
import io.switchboard.conversation.repository.ConversationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Codenames that are free among conversations that are not CLOSED (the partial unique index
 * {@value #OPEN_CODENAME_INDEX}), for opening a conversation or bringing a closed one back.
 *
 * <p>A codename is checked, not reserved: another transaction may give an open conversation the same codename between
 * the check and the commit, and then the write violates the index. Postgres aborts the transaction on that, so the
 * cure is to run the whole transaction again, which finds the codename taken and draws a fresh one
 * ({@link #keepOrRedraw}): the REST lifecycle actions do so up to {@value #CLASH_ATTEMPTS} times
 * ({@link #isClash}), the consumers retry every failed transaction anyway.
 */
@ApplicationScoped
public class Codenames {

    /** The partial unique index on {@code conversation (codename) where status <> 'CLOSED'}. */
    public static final String OPEN_CODENAME_INDEX = "conversation_open_codename_uq";

    /** How often, in all, a REST action that lost its codename to another transaction is run. */
    public static final int CLASH_ATTEMPTS = 4;

    /** How many codenames to draw before leaving a (very unlikely) collision to the unique index. */
    private static final int DRAWS = 8;

    private final ConversationRepository conversations;
    private final CodenameGenerator generator = new CodenameGenerator();

    public Codenames(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    /**
     * Whether {@code failure} is a violation of {@value #OPEN_CODENAME_INDEX}: another transaction took the codename
     * after this one found it free. Running the transaction again draws a fresh one.
     */
    public static boolean isClash(Throwable failure) {
        return UniqueViolations.isUniqueViolationOf(failure, OPEN_CODENAME_INDEX);
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

    private Uni<String> draw(int drawsLeft) {
        String codename = generator.next();
        return conversations.codenameInUse(codename)
                .chain(used -> used && drawsLeft > 1 ? draw(drawsLeft - 1) : Uni.createFrom().item(codename));
    }
}
