package io.switchboard.conversation.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.domain.InboundText;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.WidgetProfile;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.CustomerRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.widget.api.WidgetMessagePosted;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Stores a web-widget customer's message ({@code widget.message_posted} from {@code widget.messages}) exactly once
 * per (conversation, clientMessageId), in one transaction: locks the conversation ({@code FOR UPDATE}, so deliveries
 * of one message and operators' actions take turns), returns {@link Outcome.Duplicate} when that client message id is
 * already stored (a redelivery, a retry by the widget or a second tab), else applies the same lifecycle as a
 * Telegram message ({@link InboundMessages#wrote}: reopen CLOSED, store BLOCKED, flip AWAITING_CUSTOMER,
 * {@code message.received} with the clientMessageId, {@code waiting_for_agent}, timers). The unique index
 * {@code message_client_message_uq} backs the check.
 */
@ApplicationScoped
public class WidgetMessageIntake {

    /** What became of one record. */
    public sealed interface Outcome {
        /** Stored now (status RECEIVED, or BLOCKED while the conversation is blocked). */
        record Stored(Message message) implements Outcome {
        }

        /** That client message id was stored before: nothing was done. */
        record Duplicate(Message earlier) implements Outcome {
        }

        /** The record cannot be stored, ever (retrying would not help): it belongs in the dead-letter topic. */
        record Refused(String reason) implements Outcome {
        }
    }

    private final ConversationRepository conversations;
    private final CustomerRepository customers;
    private final MessageRepository messages;
    private final InboundMessages inboundMessages;
    private final ConversationConfig.Widget config;
    private final Clock clock;

    public WidgetMessageIntake(ConversationRepository conversations, CustomerRepository customers,
                               MessageRepository messages, InboundMessages inboundMessages, ConversationConfig config,
                               Clock clock) {
        this.conversations = conversations;
        this.customers = customers;
        this.messages = messages;
        this.inboundMessages = inboundMessages;
        this.config = config.widget();
        this.clock = clock;
    }

    /**
     * Applies {@code posted} in its own transaction.
     *
     * @return {@link Outcome.Stored}, {@link Outcome.Duplicate}, or {@link Outcome.Refused} when the conversation does
     * not exist, is not a widget conversation, belongs to another customer, or the record is malformed (client message
     * id not {@code ^[A-Za-z0-9_-]{8,64}$}, text blank or longer than {@code conversation.widget.max-message-length}
     * after trimming)
     */
    @WithTransaction
    public Uni<Outcome> accept(WidgetMessagePosted posted) {
        String malformed = malformed(posted);
        if (malformed != null) {
            return Uni.createFrom().item(new Outcome.Refused(malformed));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return conversations.findById(posted.conversationId(), LockModeType.PESSIMISTIC_WRITE).chain(conversation -> {
            if (conversation == null) {
                return refused("conversation " + posted.conversationId() + " does not exist");
            }
            if (!conversation.isWidget()) {
                return refused("conversation " + posted.conversationId() + " is not a widget conversation");
            }
            if (!conversation.customerId.equals(posted.customerId())) {
                return refused("customer " + posted.customerId() + " is not the customer of conversation "
                        + posted.conversationId());
            }
            return messages.findByClientMessageId(conversation.id, posted.clientMessageId()).chain(earlier -> {
                if (earlier != null) {
                    return Uni.createFrom().item(new Outcome.Duplicate(earlier));
                }
                return customers.findById(conversation.customerId)
                        .chain(customer -> inboundMessages.wrote(conversation, customer,
                                InboundText.widget(posted.clientMessageId(), posted.text()), now))
                        .map(Outcome.Stored::new);
            });
        });
    }

    private String malformed(WidgetMessagePosted posted) {
        if (!WidgetProfile.isClientMessageId(posted.clientMessageId())) {
            return "clientMessageId must match ^[A-Za-z0-9_-]{8,64}$";
        }
        String trimmed = posted.text().strip();
        if (trimmed.isEmpty()) {
            return "text is blank";
        }
        if (trimmed.codePointCount(0, trimmed.length()) > config.maxMessageLength()) {
            return "text is longer than " + config.maxMessageLength() + " characters";
        }
        return null;
    }

    private static Uni<Outcome> refused(String reason) {
        return Uni.createFrom().item(new Outcome.Refused(reason));
    }
}
