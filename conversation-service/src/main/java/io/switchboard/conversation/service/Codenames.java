package io.switchboard.conversation.service;

import io.switchboard.conversation.domain.CodenameGenerator;
import io.switchboard.conversation.repository.ConversationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Codenames that are free among conversations that are not CLOSED (the partial unique index
 * {@code conversation_open_codename_uq}), for opening a conversation or bringing a closed one back.
 */
@ApplicationScoped
public class Codenames {

    /** How many codenames to draw before leaving a (very unlikely) collision to the unique index. */
    private static final int DRAWS = 8;

    private final ConversationRepository conversations;
    private final CodenameGenerator generator = new CodenameGenerator();

    public Codenames(ConversationRepository conversations) {
        this.conversations = conversations;
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
