package io.switchboard.conversation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A prepared answer an operator inserts into a reply, shared with everyone or personal to its owner.
 * Shared ones are edited by admins, personal ones by their owner only.
 */
@Entity
@Table(name = "canned_response")
@DynamicUpdate
public class CannedResponse extends PanacheEntityBase {

    /** Longest title, in characters. */
    public static final int MAX_TITLE = 120;
    /** Longest text, in characters. */
    public static final int MAX_TEXT = 4096;
    /** Longest category, in characters. */
    public static final int MAX_CATEGORY = 60;
    /** What a shortcut may look like (typed as {@code /shortcut} in the reply box). */
    public static final Pattern SHORTCUT = Pattern.compile("^[a-z0-9_-]{1,32}$");

    @Id
    public UUID id;

    /** 1..120 characters. */
    @Column(nullable = false)
    public String title;

    /** 1..4096 characters, inserted exactly as written. */
    @Column(nullable = false)
    public String text;

    /** Free grouping such as "Billing", or null. */
    public String category;

    /** e.g. {@code refund}; null when it has none. */
    public String shortcut;

    /** Visible to every operator (true) or to its owner only (false). */
    @Column(nullable = false)
    public boolean shared;

    /** The operator who created it (for a personal one: the only one who sees it). */
    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    /** How often it was inserted into a reply. */
    @Column(name = "usage_count", nullable = false)
    public long usageCount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether {@code actor} sees it: shared ones everybody, personal ones their owner. */
    public boolean visibleTo(Actor actor) {
        return shared || ownerId.equals(actor.id());
    }

    /** Whether {@code actor} may change or delete it: admins the shared ones, owners their personal ones. */
    public boolean editableBy(Actor actor) {
        return shared ? actor.admin() : ownerId.equals(actor.id());
    }
}
