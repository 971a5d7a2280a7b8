package io.switchboard.conversation.mapping;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.api.CustomerSummary;
import io.switchboard.conversation.api.MessageAttachment;
import io.switchboard.conversation.api.MessageReaction;
import io.switchboard.conversation.api.MessageSnapshot;
import io.switchboard.conversation.domain.Attachment;
import io.switchboard.conversation.api.TagSummary;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.rest.ConversationView;
import io.switchboard.conversation.rest.MessageView;

/** Entities to the shapes operators see (REST views and event payloads). */
public final class ConversationMapper {

    private ConversationMapper() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<MessageReaction>> REACTIONS = new TypeReference<>() {
    };

    /** {id, displayName, username, nickname, botBlockedAt} of a customer. */
    public static CustomerSummary summary(Customer customer) {
        return new CustomerSummary(customer.id, customer.displayName, customer.username, customer.nickname,
                customer.botBlockedAt);
    }

    /** A message without attachments as carried by events. */
    public static MessageSnapshot snapshot(Message message) {
        return snapshot(message, List.of());
    }

    /** A message and its attachments as carried by events. */
    public static MessageSnapshot snapshot(Message message, List<Attachment> attachments) {
        return new MessageSnapshot(message.id, message.direction.name(), message.text, message.status.name(),
                message.createdAt, message.operatorId, message.operatorName, message.systemKey, message.clientMessageId,
                attachments(attachments), message.replyToMessageId, message.replyToText, message.editedAt,
                reactions(message.reactions), message.failureReason, source(message));
    }

    /** A message without attachments as listed by the REST API. */
    public static MessageView view(Message message) {
        return view(message, List.of());
    }

    /** A message and its attachments as listed by the REST API. */
    public static MessageView view(Message message, List<Attachment> attachments) {
        return new MessageView(message.id, message.direction.name(), message.text, message.status.name(),
                message.createdAt, message.failureReason, message.operatorId, message.operatorName, message.systemKey,
                attachments(attachments), message.replyToMessageId, message.replyToText, message.editedAt,
                reactions(message.reactions), source(message), message.deletedAt);
    }

    /** Attachment rows as the contract shape (no Telegram file ids, no upload ids: those stay inside). */
    public static List<MessageAttachment> attachments(List<Attachment> rows) {
        if (rows == null || rows.isEmpty()) {
            return List.of();
        }
        return rows.stream().map(a -> new MessageAttachment(a.id, a.kind, a.fileName, a.mimeType, a.fileSize, a.width,
                a.height, a.duration, a.emoji, a.latitude, a.longitude, a.phoneNumber, a.contactName)).toList();
    }

    /** The {@code message.reactions} JSON as records; empty for null or unreadable JSON. */
    public static List<MessageReaction> reactions(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(json, REACTIONS));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /** Reactions as the JSON stored in {@code message.reactions}; null when there are none. */
    public static String reactionsJson(List<MessageReaction> reactions) {
        if (reactions == null || reactions.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(reactions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A preview of a message for lists and topic mirrors: the text, or for a message with attachments
     * "[photo] caption" (the kind in lower case; a contact's or location's details when it has no caption).
     */
    public static String preview(String text, List<Attachment> attachments) {
        if (attachments == null || attachments.isEmpty()) {
            return text;
        }
        Attachment first = attachments.get(0);
        String label = "[" + first.kind.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "]";
        String detail = text == null ? "" : text;
        if (detail.isEmpty()) {
            if ("STICKER".equals(first.kind) && first.emoji != null) {
                detail = first.emoji;
            } else if ("DOCUMENT".equals(first.kind) && first.fileName != null) {
                detail = first.fileName;
            } else if ("CONTACT".equals(first.kind)) {
                detail = ((first.contactName == null ? "" : first.contactName) + " "
                        + (first.phoneNumber == null ? "" : first.phoneNumber)).trim();
            }
        }
        return detail.isEmpty() ? label : label + " " + detail;
    }

    private static String source(Message message) {
        return message.systemKey != null ? "SYSTEM" : message.source;
    }

    /**
     * A conversation as listed by the REST API.
     *
     * @param lastMessage its latest message, or null
     * @param unread      INBOUND messages after last_read_at
     */
    public static ConversationView view(Conversation conversation, Customer customer, Message lastMessage, long unread) {
        return view(conversation, customer, lastMessage, unread, List.of());
    }

    /**
     * A conversation as listed by the REST API, with its tags.
     *
     * @param lastMessage its latest message, or null
     * @param unread      INBOUND messages after last_read_at
     * @param tags        its tags
     */
    public static ConversationView view(Conversation conversation, Customer customer, Message lastMessage, long unread,
                                        List<TagSummary> tags) {
        return view(conversation, customer, lastMessage, lastMessage == null ? null : lastMessage.text, unread, tags);
    }

    /**
     * A conversation as listed by the REST API, with its tags and the preview of its latest message.
     *
     * @param lastMessage its latest message, or null
     * @param preview     what the list shows of it (see {@link #preview}), or null
     */
    public static ConversationView view(Conversation conversation, Customer customer, Message lastMessage, String preview,
                                        long unread, List<TagSummary> tags) {
        return new ConversationView(conversation.id, conversation.status.name(), conversation.codename,
                summary(customer),
                lastMessage == null ? null
                        : new ConversationView.LastMessage(preview, lastMessage.direction.name(), lastMessage.createdAt),
                unread, conversation.updatedAt, conversation.createdAt, conversation.assigneeId, conversation.closedAt,
                tags, conversation.channel.name());
    }
}
