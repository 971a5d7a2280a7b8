package io.switchboard.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.e2e.Http;
import io.switchboard.e2e.OperatorSession;
import io.switchboard.e2e.SwitchboardStack;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Read-path benchmark of the operator console at desk scale: seeds conversation-service's database with N
 * conversations × M messages ({@code bench/seed-conversations.sql}: 70 % closed, multilingual text, 20 tags), then
 * times every list filter, search and "open a conversation" (the conversation plus its first page of messages)
 * through the gateway, as the console calls them, with HdrHistogram (ms, p50/p90/p99/max).
 *
 * <p>Run with {@code ./bench queries [conversations] [messages-per-conversation] [iterations]} (defaults 100000, 10,
 * 500). With {@code -Dbench.plans=true} (the default) it then turns on {@code auto_explain} for the database,
 * restarts conversation-service so its connections load it, runs each query once more and prints the plans
 * PostgreSQL logged (read from {@code PG_LOG}, default {@code /var/log/postgresql/postgresql-15-main.log}).
 */
public final class ConversationQueryBenchmark {

    private ConversationQueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int messagesPer = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        try (SwitchboardStack stack = SwitchboardStack.start()) {
            OperatorSession admin = OperatorSession.login(stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME,
                    stack.adminPassword());
            String me = admin.get("/api/auth/me").json().path("id").asText();
            long seedStart = System.nanoTime();
            Fixture fixture = seed(stack.conversationJdbcUrl(), conversations, messagesPer, me);
            System.out.printf(Locale.ROOT, "seeded %d conversations, %d messages in %.1f s%n", fixture.conversations,
                    fixture.messages, (System.nanoTime() - seedStart) / 1e9);

            Map<String, Supplier<String>> queries = queries(fixture);
            System.out.printf(Locale.ROOT, "%-28s %8s %8s %8s %8s %8s%n", "query (ms)", "p50", "p90", "p99", "max", "items");
            for (Map.Entry<String, Supplier<String>> query : queries.entrySet()) {
                Histogram histogram = new Histogram(60_000_000_000L, 3);
                int items = 0;
                for (int i = 0; i < iterations / 5; i++) { // warm-up: JIT, connection pool, Postgres buffers
                    call(admin, query.getValue().get());
                }
                for (int i = 0; i < iterations; i++) {
                    String path = query.getValue().get();
                    long start = System.nanoTime();
                    JsonNode body = call(admin, path);
                    histogram.recordValue(System.nanoTime() - start);
                    items = Math.max(items, body.path("items").size() + body.path("customers").size()
                            + body.path("messages").size());
                }
                System.out.printf(Locale.ROOT, "%-28s %8.1f %8.1f %8.1f %8.1f %8d%n", query.getKey(),
                        ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(90)),
                        ms(histogram.getValueAtPercentile(99)), ms(histogram.getMaxValue()), items);
            }
            if (Boolean.parseBoolean(System.getProperty("bench.plans", "true"))) {
                printPlans(stack, admin, queries);
            }
        }
    }

    /** What the seed produced, for building realistic query parameters. */
    private record Fixture(long conversations, long messages, List<String> ids, List<String> tagIds,
                           List<String> names) {
    }

    private static Map<String, Supplier<String>> queries(Fixture fixture) {
        Random random = new Random(42);
        List<String> words = List.of("refund", "delivery", "возврат", "доставка", "بازپرداخت", "warranty", "coupon");
        Map<String, Supplier<String>> queries = new LinkedHashMap<>();
        queries.put("list all open", () -> "/api/conversations?status=OPEN_UNCLAIMED,OPEN_ASSIGNED,AWAITING_CUSTOMER&limit=50");
        queries.put("list unclaimed", () -> "/api/conversations?status=OPEN_UNCLAIMED&limit=50");
        queries.put("list mine", () -> "/api/conversations?status=OPEN_ASSIGNED,AWAITING_CUSTOMER&assignee=me&limit=50");
        queries.put("list closed", () -> "/api/conversations?status=CLOSED&limit=50");
        queries.put("list every status", () -> "/api/conversations?limit=50");
        queries.put("list by tag", () -> "/api/conversations?tag=" + pick(random, fixture.tagIds) + "&limit=50");
        queries.put("list unread", () -> "/api/conversations?unread=true&limit=50");
        queries.put("list q=name", () -> "/api/conversations?q=" + enc(pick(random, fixture.names)) + "&limit=50");
        queries.put("search customer", () -> "/api/search?q=" + enc(pick(random, fixture.names)));
        queries.put("search message word", () -> "/api/search?q=" + enc(pick(random, words)));
        queries.put("open: conversation", () -> "/api/conversations/" + pick(random, fixture.ids));
        queries.put("open: messages page", () -> "/api/conversations/" + pick(random, fixture.ids) + "/messages?limit=50");
        queries.put("counts", () -> "/api/conversations/counts");
        return queries;
    }

    private static JsonNode call(OperatorSession operator, String path) {
        Http.Response response = operator.get(path);
        if (response.status() != 200) {
            throw new IllegalStateException(path + " answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    private static Fixture seed(String jdbcUrl, int conversations, int messagesPer, String me) throws SQLException, IOException {
        String script;
        try (InputStream in = ConversationQueryBenchmark.class.getResourceAsStream("/bench/seed-conversations.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(":conversations", Integer.toString(conversations))
                    .replace(":messages_per_conversation", Integer.toString(messagesPer))
                    .replace(":me", "'" + me + "'");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, System.getenv().getOrDefault("PGUSER", "postgres"),
                System.getenv().getOrDefault("PGPASSWORD", ""));
             Statement statement = connection.createStatement()) {
            statement.execute(script);
            statement.execute("vacuum analyze");
            return new Fixture(count(statement, "select count(*) from conversation"),
                    count(statement, "select count(*) from message"),
                    column(statement, "select id::text from conversation order by random() limit 2000"),
                    column(statement, "select id::text from tag"),
                    column(statement, "select distinct split_part(display_name, ' ', 2) from customer"));
        }
    }

    private static void printPlans(SwitchboardStack stack, OperatorSession admin, Map<String, Supplier<String>> queries)
            throws SQLException, IOException {
        Path log = Path.of(System.getenv().getOrDefault("PG_LOG", "/var/log/postgresql/postgresql-15-main.log"));
        if (!Files.isReadable(log)) {
            System.out.println("plans skipped: cannot read the PostgreSQL log " + log + " (set PG_LOG)");
            return;
        }
        String database = stack.conversationJdbcUrl().substring(stack.conversationJdbcUrl().lastIndexOf('/') + 1);
        try (Connection connection = DriverManager.getConnection(stack.conversationJdbcUrl(), "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("alter database " + database + " set session_preload_libraries = 'auto_explain'");
            statement.execute("alter database " + database + " set auto_explain.log_min_duration = 0");
            statement.execute("alter database " + database + " set auto_explain.log_analyze = on");
            statement.execute("alter database " + database + " set auto_explain.log_buffers = on");
        }
        stack.stopConversationService();
        stack.startConversationService();
        long offset = Files.size(log);
        for (Map.Entry<String, Supplier<String>> query : queries.entrySet()) {
            call(admin, query.getValue().get());
        }
        try (Connection connection = DriverManager.getConnection(stack.conversationJdbcUrl(), "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("alter database " + database + " reset all");
        }
        byte[] written = Files.readAllBytes(log);
        System.out.println("---- plans (auto_explain, one run of each query) ----");
        System.out.println(new String(written, (int) offset, written.length - (int) offset, StandardCharsets.UTF_8));
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> column(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
