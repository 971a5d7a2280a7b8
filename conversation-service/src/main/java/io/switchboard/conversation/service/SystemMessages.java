package io.switchboard.conversation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.conversation.api.SystemMessagePosted;
import io.switchboard.conversation.config.ConversationConfig;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.Conversation;
import io.switchboard.conversation.domain.Customer;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.MessageDirection;
import io.switchboard.conversation.domain.MessageStatus;
import io.switchboard.conversation.domain.SystemMessageKey;
import io.switchboard.conversation.domain.SystemMessageTemplate;
import io.switchboard.conversation.domain.TemplateText;
import io.switchboard.conversation.mapping.ConversationMapper;
import io.switchboard.conversation.repository.CustomerRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.conversation.repository.SystemMessageTemplateRepository;
import io.switchboard.telegram.api.SendMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one place that emits system messages from the editable templates ({@link SystemMessageKey} lists them and
 * their audience). Everything runs inside the caller's transaction: the bubble, the {@code system_message.posted}
 * event and the {@code send_message} command commit or roll back with the action that caused them.
 *
 * <p>Rendering: the text of the customer's locale ({@code customer.language_code}, e.g. {@code ru-RU} → {@code ru},
 * fallback {@code en}; operator-facing templates use {@code conversation.timers.operator-locale}), placeholders
 * {@code {codename}}, {@code {customerName}} (nickname, else display name) and {@code {operatorName}} (empty unless
 * given) filled, plus any {@code vars}.
 *
 * <p>Channels: on Telegram a customer-facing bubble sent to the chat is PENDING until {@code telegram.results}
 * settles it, any other bubble is RECORDED (kept in the transcript only). In the web widget the transcript is what the
 * customer sees, so no command is ever queued: a customer-facing message becomes a bubble when it has
 * {@code transcriptBubble} or {@code telegram}, with status SENT (delivered through the widget's history and socket);
 * operator-facing bubbles stay RECORDED and are never shown to the customer.
 */
@ApplicationScoped
public class SystemMessages {

    private static final Logger LOG = Logger.getLogger(SystemMessages.class);
    private static final TypeReference<LinkedHashMap<String, String>> TEXTS = new TypeReference<>() {
    };

    private final SystemMessageTemplateRepository templates;
    private final CustomerRepository customers;
    private final MessageRepository messages;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final String operatorLocale;

    public SystemMessages(SystemMessageTemplateRepository templates, CustomerRepository customers,
                          MessageRepository messages, Outbox outbox, ObjectMapper mapper, ConversationConfig config) {
        this.templates = templates;
        this.customers = customers;
        this.messages = messages;
        this.outbox = outbox;
        this.mapper = mapper;
        this.operatorLocale = config.timers().operatorLocale();
    }

    /**
     * Posts the template {@code key} into {@code conversation}, inside the caller's transaction: unless the
     * template's rate limit for this conversation holds it back, stores the bubble (when {@code transcriptBubble};
     * in the widget also for a customer-facing {@code telegram} one), queues {@code system_message.posted}, and for a
     * customer-facing template with {@code telegram} in a Telegram conversation queues a {@code send_message} to the
     * customer's chat. Operator-facing templates never reach the customer.
     *
     * @param key  a {@link SystemMessageKey#key()}; an unknown key fails the Uni with IllegalArgumentException
     * @param vars extra placeholder values (override the built-in ones); may be null
     * @return the stored bubble message, or null when nothing was stored (rate-limited, template missing or empty,
     * no bubble)
     */
    public Uni<Message> post(Conversation conversation, String key, Map<String, String> vars, Instant now) {
        SystemMessageKey template = SystemMessageKey.of(key).orElse(null);
        if (template == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("unknown system message " + key));
        }
        return templates.findById(key).chain(row -> {
            if (row == null) {
                LOG.warnf("System message template %s is missing; nothing posted", key);
                return Uni.createFrom().nullItem();
            }
            return customers.findById(conversation.customerId).chain(customer -> {
                String locale = template.audience() == SystemMessageKey.Audience.OPERATORS ? operatorLocale
                        : customer == null ? null : customer.languageCode;
                String text = TemplateText.render(TemplateText.pick(texts(row), locale), placeholders(conversation, customer, vars));
                if (text == null || text.isBlank()) {
                    return Uni.createFrom().nullItem();
                }
                return templates.tryEmit(conversation.id, key, row.rateLimitSeconds, now)
                        .chain(allowed -> allowed
                                ? emit(conversation, customer, template, row, text, null, row.transcriptBubble, now)
                                : Uni.createFrom().<Message>nullItem());
            });
        });
    }

    /**
     * Stores and sends the closing message of a close action, inside the caller's transaction: an OUTBOUND bubble
     * with the operator's id and name and systemKey {@code closing_message} (always kept in the transcript; PENDING
     * and sent to the customer's Telegram chat when the template's {@code telegram} flag is on, SENT in the widget, else
     * RECORDED), the
     * conversation's last message; then {@code system_message.posted}. Not rate-limited (each close is an action).
     *
     * @param actor          the closing operator, or null for the system (auto-close)
     * @param closingMessage the operator's text, kept exactly; null or blank for the template {@code closing_message}
     * @return the stored message, or null when there was no text (no closing message given and the template is empty)
     */
    public Uni<Message> postClosingMessage(Conversation conversation, Actor actor, String closingMessage, Instant now) {
        SystemMessageKey template = SystemMessageKey.CLOSING_MESSAGE;
        return templates.findById(template.key()).chain(row -> customers.findById(conversation.customerId).chain(customer -> {
            String text = closingMessage != null && !closingMessage.isBlank() ? closingMessage
                    : row == null ? null : TemplateText.render(TemplateText.pick(texts(row), customer == null ? null : customer.languageCode),
                    placeholders(conversation, customer, actor == null ? null : Map.of("operatorName", nullToEmpty(actor.name()))));
            if (text == null || text.isBlank()) {
                return Uni.createFrom().<Message>nullItem();
            }
            SystemMessageTemplate flags = row != null ? row : defaults(template);
            return templates.tryEmit(conversation.id, template.key(), 0, now)
                    .chain(() -> emit(conversation, customer, template, flags, text, actor, true, now))
                    .invoke(message -> conversation.touch(message));
        }));
    }

    private Uni<Message> emit(Conversation conversation, Customer customer, SystemMessageKey template,
                              SystemMessageTemplate flags, String text, Actor actor, boolean bubble, Instant now) {
        boolean forCustomer = template.audience() == SystemMessageKey.Audience.CUSTOMER;
        boolean widget = conversation.isWidget();
        boolean toTelegram = !widget && forCustomer && flags.telegram && customer != null && customer.telegramChatId != null;
        // in the widget the transcript is the customer's chat: what would go to their Telegram chat becomes a bubble
        boolean keep = bubble || (widget && forCustomer && flags.telegram);
        MessageStatus status = toTelegram ? MessageStatus.PENDING
                : widget && forCustomer ? MessageStatus.SENT
                : MessageStatus.RECORDED;
        Message message = keep ? bubble(conversation, template, text, actor, status, now) : null;
        UUID commandId = UUID.randomUUID();
        if (message != null && toTelegram) {
            message.commandId = commandId; // only this command's result settles the PENDING bubble
        }
        Uni<Message> stored = message == null ? Uni.createFrom().nullItem() : messages.persist(message);
        return stored.call(saved -> outbox.event(new SystemMessagePosted(UUID.randomUUID(), 1, now, conversation.id,
                        template.key(), template.audience().wire(), saved == null ? null : ConversationMapper.snapshot(saved),
                        text, forCustomer && flags.widgetBanner, flags.telegram, flags.pin), now))
                .call(saved -> !toTelegram ? Uni.createFrom().voidItem()
                        : outbox.command(new SendMessage(commandId, 1, now, conversation.id,
                        saved != null ? saved.id : UUID.randomUUID(), customer.telegramChatId, text), now));
    }

    private static Message bubble(Conversation conversation, SystemMessageKey template, String text, Actor actor,
                                  MessageStatus status, Instant now) {
        Message m = new Message();
        m.id = UUID.randomUUID();
        m.conversationId = conversation.id;
        m.telegramChatId = conversation.telegramChatId;
        m.direction = MessageDirection.OUTBOUND;
        m.status = status;
        m.text = text;
        m.systemKey = template.key();
        m.source = "SYSTEM";
        m.operatorId = actor == null ? null : actor.id();
        m.operatorName = actor == null ? null : actor.name();
        m.createdAt = now;
        m.updatedAt = now;
        return m;
    }

    private Map<String, String> texts(SystemMessageTemplate row) {
        try {
            return mapper.readValue(row.texts, TEXTS);
        } catch (JsonProcessingException e) {
            LOG.warnf("System message template %s has unreadable texts", row.key);
            return Map.of();
        }
    }

    private static Map<String, String> placeholders(Conversation conversation, Customer customer, Map<String, String> vars) {
        Map<String, String> values = new HashMap<>();
        values.put("codename", conversation.codename);
        values.put("customerName", customer == null ? ""
                : customer.nickname != null && !customer.nickname.isBlank() ? customer.nickname : customer.displayName);
        values.put("operatorName", "");
        if (vars != null) {
            values.putAll(vars);
        }
        return values;
    }

    private static SystemMessageTemplate defaults(SystemMessageKey key) {
        SystemMessageTemplate t = new SystemMessageTemplate();
        t.key = key.key();
        t.texts = "{}";
        t.transcriptBubble = true;
        t.telegram = true;
        return t;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
