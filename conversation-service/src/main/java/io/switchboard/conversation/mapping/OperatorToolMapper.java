package io.switchboard.conversation.mapping;

import io.switchboard.conversation.api.NoteSnapshot;
import io.switchboard.conversation.api.TagSummary;
import io.switchboard.conversation.domain.AuditEntry;
import io.switchboard.conversation.domain.CannedResponse;
import io.switchboard.conversation.domain.Note;
import io.switchboard.conversation.domain.Tag;
import io.switchboard.conversation.rest.AuditEntryView;
import io.switchboard.conversation.rest.CannedResponseView;
import io.switchboard.conversation.rest.NoteView;

/** Canned responses, tags, notes and audit entries to the shapes operators see (REST views and event payloads). */
public final class OperatorToolMapper {

    private OperatorToolMapper() {
    }

    public static CannedResponseView view(CannedResponse response) {
        return view(response, response.usageCount);
    }

    /** The view with {@code usageCount} in place of the entity's (after an atomic increment). */
    public static CannedResponseView view(CannedResponse response, long usageCount) {
        return new CannedResponseView(response.id, response.title, response.text, response.category, response.shortcut,
                response.shared, response.ownerId, usageCount, response.createdAt, response.updatedAt);
    }

    /** {id, name, color}: the REST view of a tag and its shape in events. */
    public static TagSummary summary(Tag tag) {
        return new TagSummary(tag.id, tag.name, tag.color.trim());
    }

    public static NoteView view(Note note) {
        return new NoteView(note.id, note.conversationId, note.operatorId, note.operatorName, note.text, note.createdAt);
    }

    /** A note as carried by {@code note.added}. */
    public static NoteSnapshot snapshot(Note note) {
        return new NoteSnapshot(note.id, note.operatorId, note.operatorName, note.text, note.createdAt);
    }

    public static AuditEntryView view(AuditEntry entry) {
        return new AuditEntryView(entry.id, entry.conversationId, entry.actorId, entry.actorName, entry.action,
                entry.before, entry.after, entry.occurredAt);
    }
}
