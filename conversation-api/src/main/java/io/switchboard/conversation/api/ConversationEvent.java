package io.switchboard.conversation.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened to a conversation, published by conversation-service on
 * {@link Topics#CONVERSATION_EVENTS} (keyed by {@link #conversationId()}). On the wire a JSON object whose dotted
 * {@code type} names the event (e.g. {@code "message.received"}); consumers ignore unknown properties, and
 * {@link #version()} grows when a shape changes incompatibly.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ConversationOpened.class, name = ConversationOpened.TYPE),
        @JsonSubTypes.Type(value = MessageReceived.class, name = MessageReceived.TYPE),
        @JsonSubTypes.Type(value = MessageQueued.class, name = MessageQueued.TYPE),
        @JsonSubTypes.Type(value = MessageSent.class, name = MessageSent.TYPE),
        @JsonSubTypes.Type(value = MessageFailed.class, name = MessageFailed.TYPE),
        @JsonSubTypes.Type(value = SystemMessagePosted.class, name = SystemMessagePosted.TYPE),
        @JsonSubTypes.Type(value = ConversationClaimed.class, name = ConversationClaimed.TYPE),
        @JsonSubTypes.Type(value = ConversationAssigned.class, name = ConversationAssigned.TYPE),
        @JsonSubTypes.Type(value = ConversationUnassigned.class, name = ConversationUnassigned.TYPE),
        @JsonSubTypes.Type(value = ConversationClosed.class, name = ConversationClosed.TYPE),
        @JsonSubTypes.Type(value = ConversationReopened.class, name = ConversationReopened.TYPE),
        @JsonSubTypes.Type(value = ConversationBlocked.class, name = ConversationBlocked.TYPE),
        @JsonSubTypes.Type(value = ConversationUnblocked.class, name = ConversationUnblocked.TYPE),
        @JsonSubTypes.Type(value = ConversationStatusChanged.class, name = ConversationStatusChanged.TYPE),
        @JsonSubTypes.Type(value = NoteAdded.class, name = NoteAdded.TYPE),
        @JsonSubTypes.Type(value = ConversationTagged.class, name = ConversationTagged.TYPE),
        @JsonSubTypes.Type(value = ConversationUntagged.class, name = ConversationUntagged.TYPE),
        @JsonSubTypes.Type(value = ConversationDeleted.class, name = ConversationDeleted.TYPE),
        @JsonSubTypes.Type(value = ConversationRead.class, name = ConversationRead.TYPE),
        @JsonSubTypes.Type(value = CustomerUpdated.class, name = CustomerUpdated.TYPE),
        @JsonSubTypes.Type(value = MessageEdited.class, name = MessageEdited.TYPE),
        @JsonSubTypes.Type(value = MessageDeleted.class, name = MessageDeleted.TYPE),
        @JsonSubTypes.Type(value = MessageReactionsChanged.class, name = MessageReactionsChanged.TYPE)
})
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"type"}) // the wire name first, as producers always wrote it
public sealed interface ConversationEvent
        permits ConversationOpened, MessageReceived, MessageQueued, MessageSent, MessageFailed, SystemMessagePosted,
                ConversationClaimed, ConversationAssigned, ConversationUnassigned, ConversationClosed,
                ConversationReopened, ConversationBlocked, ConversationUnblocked, ConversationStatusChanged, NoteAdded, ConversationTagged, ConversationUntagged, ConversationDeleted,
                ConversationRead, CustomerUpdated, MessageEdited, MessageDeleted, MessageReactionsChanged {

    /** Unique id of this event (consumers de-duplicate on it). */
    UUID eventId();

    /** Dotted wire name, e.g. {@code "conversation.opened"}. */
    String type();

    /** Schema version of this event's shape, starting at 1. */
    int version();

    /** When it happened (the database transaction's time). */
    Instant occurredAt();

    /** The conversation it happened to; also the Kafka key. */
    UUID conversationId();
}
