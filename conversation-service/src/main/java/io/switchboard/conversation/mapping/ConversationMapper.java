package io.switchboard.conversation.mapping;

import java.util.List;

import io.switchboard.conversation.api.CustomerSummary;
import io.switchboard.conversation.api.MessageSnapshot;
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

    /** {id, displayName, username} of a customer. */
    public static CustomerSummary summary(Customer customer) {
        return new CustomerSummary(customer.id, customer.displayName, customer.username, customer.nickname);
    }

    /** A message as carried by events. */
    public static MessageSnapshot snapshot(Message message) {
        return new MessageSnapshot(message.id, message.direction.name(), message.text, message.status.name(),
                message.createdAt, message.operatorId, message.operatorName, message.systemKey, message.clientMessageId);
    }

    /** A message as listed by the REST API. */
    public static MessageView view(Message message) {
        return new MessageView(message.id, message.direction.name(), message.text, message.status.name(),
                message.createdAt, message.failureReason, message.operatorId, message.operatorName, message.systemKey);
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
        return new ConversationView(conversation.id, conversation.status.name(), conversation.codename,
                summary(customer),
                lastMessage == null ? null
                        : new ConversationView.LastMessage(lastMessage.text, lastMessage.direction.name(), lastMessage.createdAt),
                unread, conversation.updatedAt, conversation.createdAt, conversation.assigneeId, conversation.closedAt,
                tags, conversation.channel.name());
    }
}
