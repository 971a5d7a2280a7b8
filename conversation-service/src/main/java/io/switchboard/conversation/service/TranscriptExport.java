package io.switchboard.conversation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.switchboard.conversation.domain.Actor;
import io.switchboard.conversation.domain.Message;
import io.switchboard.conversation.domain.Note;
import io.switchboard.conversation.mapping.TranscriptFormat;
import io.switchboard.conversation.repository.ConversationRepository;
import io.switchboard.conversation.repository.CustomerRepository;
import io.switchboard.conversation.repository.MessageRepository;
import io.switchboard.conversation.repository.RecordsRepository;
import io.switchboard.conversation.rest.TranscriptView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Transcript export as JSON or CSV. {@link #begin} reads the conversation, its customer and tags and records the
 * audit entry {@value #EXPORTED} ({@code after} = {@code {format}}); {@link #json} / {@link #csv} then stream the body
 * in chunks, reading messages (and notes) a keyset page of {@value #PAGE_SIZE} at a time, each page in its own
 * session and only when the previous chunk was written: a conversation of any length is never held in memory.
 *
 * <p>BLOCKED messages (customer input while blocked) are never exported: operators never see them. Private notes
 * appear only in the JSON file, in their own {@code notes} array with {@code "internal": true}; the CSV file is the
 * conversation with the customer only.
 */
@ApplicationScoped
public class TranscriptExport {

    /** Audit action of an export. */
    public static final String EXPORTED = "transcript.exported";
    /** Rows read per page. */
    public static final int PAGE_SIZE = 500;

    private final ConversationRepository conversations;
    private final CustomerRepository customers;
    private final RecordsRepository records;
    private final MessageRepository messages;
    private final AuditTrail audit;
    private final FreshVertxContext contexts;
    private final ObjectMapper mapper;
    private final Clock clock;

    public TranscriptExport(ConversationRepository conversations, CustomerRepository customers, RecordsRepository records,
                            MessageRepository messages, AuditTrail audit, FreshVertxContext contexts, ObjectMapper mapper, Clock clock) {
        this.conversations = conversations;
        this.customers = customers;
        this.records = records;
        this.messages = messages;
        this.audit = audit;
        this.contexts = contexts;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * What an export starts from.
     *
     * @param exportedAt the time of the export (also in the file name)
     */
    public record Start(TranscriptView.ConversationPart conversation, TranscriptView.CustomerPart customer,
                        Instant exportedAt) {
    }

    /**
     * Reads the conversation, customer and tags and records {@value #EXPORTED} by {@code actor}.
     *
     * @param format {@code json} or {@code csv} (kept in the audit entry)
     * @throws UnknownConversationException no such conversation
     */
    @WithTransaction
    public Uni<Start> begin(UUID conversationId, Actor actor, String format) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return conversations.findById(conversationId)
                .onItem().ifNull().failWith(() -> new UnknownConversationException(conversationId))
                .chain(conversation -> customers.findById(conversation.customerId)
                        .chain(customer -> records.tags(conversationId)
                                .map(tags -> new Start(TranscriptView.ConversationPart.of(conversation, tags),
                                        TranscriptView.CustomerPart.of(customer), now))))
                .call(start -> audit.record(conversationId, actor, EXPORTED, null, Map.of("format", format), now));
    }

    /**
     * The JSON file in chunks: {@code {"conversation":…,"customer":…,"messages":[} , the message pages,
     * {@code ],"notes":[}, the note pages, {@code ],"exportedAt":"…"}}.
     */
    public Multi<Buffer> json(Start start) {
        UUID id = start.conversation().id();
        String head = "{\"conversation\":" + write(start.conversation()) + ",\"customer\":" + write(start.customer())
                + ",\"messages\":[";
        boolean[] firstMessage = {true};
        Multi<Buffer> messages = messagePages(id).map(page -> buffer(jsonItems(page.stream()
                .map(m -> TranscriptView.MessageLine.of(m, start.customer().displayName())).toList(), firstMessage)));
        boolean[] firstNote = {true};
        Multi<Buffer> notes = notePages(id).map(page -> buffer(jsonItems(page.stream().map(TranscriptView.NoteLine::of)
                .toList(), firstNote)));
        String tail = "],\"exportedAt\":" + write(start.exportedAt()) + "}";
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(buffer(head)), messages,
                Multi.createFrom().item(buffer("],\"notes\":[")), notes,
                Multi.createFrom().item(buffer(tail)));
    }

    /**
     * The CSV file in chunks: BOM and header {@code created_at,direction,author,status,text}, then one record per
     * message (CRLF line ends, RFC 4180 quoting, formula guard; see {@link TranscriptFormat#csvField}).
     */
    public Multi<Buffer> csv(Start start) {
        String customerName = start.customer().displayName();
        Multi<Buffer> rows = messagePages(start.conversation().id()).map(page -> {
            StringBuilder chunk = new StringBuilder();
            for (Message m : page) {
                chunk.append(TranscriptFormat.csvRecord(List.of(m.createdAt.toString(), m.direction.name(),
                        TranscriptView.authorOf(m, customerName), m.status.name(), m.text)));
            }
            return buffer(chunk.toString());
        });
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(buffer(TranscriptFormat.BOM + TranscriptFormat.csvRecord(TranscriptFormat.CSV_HEADER))),
                rows);
    }

    private Multi<List<Message>> messagePages(UUID conversationId) {
        return pages((at, after) -> messages.page(conversationId, at, after, PAGE_SIZE), m -> m.createdAt, m -> m.id);
    }

    private Multi<List<Note>> notePages(UUID conversationId) {
        return pages((at, after) -> records.transcriptNotes(conversationId, at, after, PAGE_SIZE), n -> n.createdAt, n -> n.id);
    }

    /** Keyset pages, oldest first, each read on a fresh context with its own session when the previous one was consumed. */
    private <T> Multi<List<T>> pages(PageReader<T> reader, Function<T, Instant> createdAt, Function<T, UUID> id) {
        return Multi.createBy().repeating().uni(PageState::new, state -> state.done
                        ? Uni.createFrom().item(List.<T>of())
                        : contexts.run(() -> reader.read(state.at, state.id)).invoke(page -> {
                            if (page.size() < PAGE_SIZE) {
                                state.done = true;
                            }
                            if (!page.isEmpty()) {
                                T last = page.get(page.size() - 1);
                                state.at = createdAt.apply(last);
                                state.id = id.apply(last);
                            }
                        }))
                .until(List::isEmpty);
    }

    private String jsonItems(List<?> items, boolean[] first) {
        StringBuilder chunk = new StringBuilder();
        for (Object item : items) {
            if (!first[0]) {
                chunk.append(',');
            }
            first[0] = false;
            chunk.append(write(item));
        }
        return chunk.toString();
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a transcript part", e);
        }
    }

    private static Buffer buffer(String text) {
        return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }

    @FunctionalInterface
    private interface PageReader<T> {
        Uni<List<T>> read(Instant afterCreatedAt, UUID afterId);
    }

    private static final class PageState {
        Instant at;
        UUID id;
        boolean done;
    }
}
