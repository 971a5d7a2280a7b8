package io.switchboard.e2e;

import io.switchboard.kafka.LocalKafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole Switchboard system on this machine, as an operations team would run it: a real KRaft Kafka broker
 * (in this JVM, so that tests can stop and restart it), two fresh Postgres databases, Redis on loopback, the
 * Telegram Bot API emulator and the four packaged services as separate JVMs on free ports, wired like
 * {@code ./run} wires them. Telegram delivers by webhook through the gateway.
 */
public final class SwitchboardStack implements AutoCloseable {

    /** Bot token the emulator and telegram-ingest share. */
    public static final String BOT_TOKEN = "4242424242:E2E-TEST-TOKEN";
    /** Username of the first admin. */
    public static final String ADMIN_USERNAME = "admin";

    private static SwitchboardStack shared;

    private final Path root;
    private final Path work;
    private final String adminPassword = "e2e-" + UUID.randomUUID();
    private final String webhookSecret = "secret_" + UUID.randomUUID().toString().replace("-", "");
    private final List<String> databases = new ArrayList<>();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final Path kafkaDir;
    private final int kafkaPort;
    private final int widgetSitePort;
    private LocalKafkaBroker kafka;
    private ServiceProcess emulator;
    private ServiceProcess gateway;
    private ServiceProcess conversation;
    private ServiceProcess notification;
    private ServiceProcess ingest;
    private Map<String, String> notificationEnv;
    private Map<String, String> conversationEnv;

    private SwitchboardStack(Path root, Path work) throws IOException {
        this.root = root;
        this.work = work;
        this.kafkaDir = work.resolve("kafka");
        this.kafkaPort = freePort();
        this.widgetSitePort = freePort();
    }

    /** The stack shared by every test class of this JVM, started on first use and stopped at JVM exit. */
    public static synchronized SwitchboardStack shared() {
        if (shared == null) {
            shared = start();
            SwitchboardStack started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "switchboard-stack-shutdown"));
        }
        return shared;
    }

    /**
     * Starts everything and waits until every service is ready.
     *
     * @throws IllegalStateException when a part does not start; the message carries its log tail
     */
    public static SwitchboardStack start() {
        try {
            Path root = projectRoot();
            Path work = Files.createDirectories(root.resolve("e2e-tests/target/e2e-" + System.currentTimeMillis()));
            SwitchboardStack stack = new SwitchboardStack(root, work);
            try {
                stack.boot();
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
            return stack;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void boot() throws IOException {
        kafka = LocalKafkaBroker.start(kafkaPort, kafkaDir);
        String conversationDb = createDatabase("sb_e2e_conv");
        String gatewayDb = createDatabase("sb_e2e_gw");
        String telegramDb = createDatabase("sb_e2e_tg");
        KeyPair keys = rsaKeyPair();
        Path publicKey = writePem(work.resolve("jwt-public.pem"), "PUBLIC KEY", keys.getPublic().getEncoded());
        Path privateKey = writePem(work.resolve("jwt-private.pem"), "PRIVATE KEY", keys.getPrivate().getEncoded());
        Path logs = work.resolve("logs");

        int emulatorPort = freePort();
        int gatewayPort = freePort();
        int conversationPort = freePort();
        int notificationPort = freePort();
        int ingestPort = freePort();

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        common.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
        common.put("MP_JWT_VERIFY_ISSUER", "switchboard");
        common.put("QUARKUS_DATASOURCE_USERNAME", env("PGUSER", "postgres"));
        common.put("QUARKUS_DATASOURCE_PASSWORD", env("PGPASSWORD", ""));

        emulator = track(ServiceProcess.start(root, "telegram-bot-api-emulator", emulatorPort,
                Map.of("EMULATOR_PORT", Integer.toString(emulatorPort), "EMULATOR_BOT_TOKEN", BOT_TOKEN), logs));

        Map<String, String> conv = new HashMap<>(common);
        conv.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + pgHost() + ":" + pgPort() + "/" + conversationDb);
        conv.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + conversationDb);
        conv.put("TELEGRAM_INGEST_URL", "http://127.0.0.1:" + ingestPort); // bot username, Telegram files
        conversationEnv = conv;
        conversation = track(ServiceProcess.start(root, "conversation-service", conversationPort, conv, logs));

        notificationEnv = new HashMap<>(common);
        notificationEnv.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379");
        notification = track(ServiceProcess.start(root, "notification-service", notificationPort, notificationEnv, logs));

        Map<String, String> gw = new HashMap<>(common);
        gw.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + pgHost() + ":" + pgPort() + "/" + gatewayDb);
        gw.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + gatewayDb);
        gw.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", privateKey.toString());
        gw.put("ADMIN_USERNAME", ADMIN_USERNAME);
        gw.put("ADMIN_PASSWORD", adminPassword);
        gw.put("CONVERSATION_SERVICE_URL", "http://127.0.0.1:" + conversationPort);
        gw.put("NOTIFICATION_SERVICE_URL", "http://127.0.0.1:" + notificationPort);
        gw.put("TELEGRAM_INGEST_URL", "http://127.0.0.1:" + ingestPort);
        gw.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379");
        // the widget runs on a customer's site of its own origin (DemoSite in the tests); X-Forwarded-For from
        // loopback counts as the client address, so tests can play customers at different addresses
        gw.put("WIDGET_ALLOWED_ORIGINS", "http://localhost:" + widgetSitePort);
        gw.put("WIDGET_TRUSTED_PROXIES", "127.0.0.1");
        gateway = track(ServiceProcess.start(root, "gateway-service", gatewayPort, gw, logs));

        Duration startup = Duration.ofSeconds(120);
        emulator.awaitReady("/emulator/calls", startup);
        conversation.awaitReady("/q/health/ready", startup);
        notification.awaitReady("/q/health/ready", startup);
        gateway.awaitReady("/q/health/ready", startup);

        Map<String, String> tg = new HashMap<>(common);
        tg.put("TELEGRAM_BOT_TOKEN", BOT_TOKEN);
        tg.put("TELEGRAM_API_URL", emulator.baseUrl());
        tg.put("TELEGRAM_MODE", "webhook");
        tg.put("TELEGRAM_WEBHOOK_SECRET", webhookSecret);
        tg.put("TELEGRAM_WEBHOOK_URL", gateway.baseUrl() + "/telegram/webhook");
        tg.put("CONVERSATION_SERVICE_URL", "http://127.0.0.1:" + conversationPort); // operators' uploads
        tg.put("TELEGRAM_DB_URL", "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + telegramDb);
        byte[] tokenKey = new byte[32];
        new java.security.SecureRandom().nextBytes(tokenKey);
        tg.put("TELEGRAM_TOKEN_KEY", java.util.Base64.getEncoder().encodeToString(tokenKey)); // bot token at rest
        ingest = track(ServiceProcess.start(root, "telegram-ingest-service", ingestPort, tg, logs));
        ingest.awaitReady("/q/health/ready", startup);
    }

    /**
     * Starts one more notification-service replica (same Kafka, Redis and keys, its own port), as a Kubernetes
     * Deployment with two replicas would run it. It is stopped with the stack.
     *
     * @return the ready replica; connect to {@link ServiceProcess#baseUrl()} directly
     */
    public synchronized ServiceProcess startNotificationReplica() {
        try {
            ServiceProcess replica = track(ServiceProcess.start(root, "notification-service", freePort(),
                    notificationEnv, work.resolve("logs/replica-" + processes.size())));
            return replica.awaitReady("/q/health/ready", Duration.ofSeconds(120));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Restarts the notification-service replica behind the gateway on the same port: every operator socket drops
     * and has to reconnect.
     */
    public synchronized void restartNotificationService() {
        stopNotificationService();
        startNotificationService();
    }

    /** Stops the notification-service the gateway routes to (every socket drops); {@link #startNotificationService()} brings it back. */
    public synchronized void stopNotificationService() {
        if (notification != null && processes.contains(notification)) {
            processes.remove(notification);
            notification.close();
        }
    }

    /** Starts the notification-service again on its port and waits until it is ready. */
    public synchronized void startNotificationService() {
        int port = notification.port();
        notification = track(ServiceProcess.start(root, "notification-service", port, notificationEnv,
                work.resolve("logs/restarted-" + processes.size())));
        notification.awaitReady("/q/health/ready", Duration.ofSeconds(120));
    }

    /**
     * Starts one more conversation-service replica (same database, Kafka and keys, its own port), as a Deployment
     * with two replicas would run it: it joins the consumer group and sweeps the timers too. Stopped with the stack.
     *
     * @return the ready replica; call it directly at {@link ServiceProcess#baseUrl()}
     */
    public synchronized ServiceProcess startConversationReplica() {
        try {
            ServiceProcess replica = track(ServiceProcess.start(root, "conversation-service", freePort(),
                    conversationEnv, work.resolve("logs/conversation-replica-" + processes.size())));
            return replica.awaitReady("/q/health/ready", Duration.ofSeconds(120));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the conversation-service the gateway routes to (an outage); {@link #startConversationService()} restarts it. */
    public synchronized void stopConversationService() {
        if (conversation != null) {
            processes.remove(conversation);
            conversation.close();
        }
    }

    /** Starts the conversation-service the gateway routes to again, on its port, and waits until it is ready. */
    public synchronized void startConversationService() {
        int port = conversation.port();
        conversation = track(ServiceProcess.start(root, "conversation-service", port, conversationEnv,
                work.resolve("logs/conversation-restarted-" + processes.size())));
        conversation.awaitReady("/q/health/ready", Duration.ofSeconds(120));
    }

    /** JDBC URL of conversation-service's database (seeding and plans in benchmarks), e.g. {@code jdbc:postgresql://127.0.0.1:5432/sb_e2e_conv_…}. */
    public String conversationJdbcUrl() {
        return conversationEnv.get("QUARKUS_DATASOURCE_JDBC_URL");
    }

    /** Stops the Kafka broker (an outage); {@link #startKafka()} brings it back on the same port and data. */
    public synchronized void stopKafka() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /** Restarts the Kafka broker stopped by {@link #stopKafka()}. */
    public synchronized void startKafka() {
        if (kafka == null) {
            kafka = LocalKafkaBroker.start(kafkaPort, kafkaDir);
        }
    }

    /** Gateway base URL, e.g. {@code http://127.0.0.1:40123}: the system's only public entry. */
    /** Port for a customer's web site ({@code http://localhost:<port>}), the origin the gateway's CORS allows. */
    public int widgetSitePort() {
        return widgetSitePort;
    }

    public String gatewayUrl() {
        return gateway.baseUrl();
    }

    /** Emulator base URL. */
    public String emulatorUrl() {
        return emulator.baseUrl();
    }

    /** The secret Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token}. */
    public String webhookSecret() {
        return webhookSecret;
    }

    /** The first admin's password. */
    public String adminPassword() {
        return adminPassword;
    }

    /** Kafka bootstrap servers. */
    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** Where logs, keys and screenshots of this run go. */
    public Path workDir() {
        return work;
    }

    /** The log of one service ({@code "gateway-service"}, ...), for diagnostics. */
    public String logOf(String module) {
        return switch (module) {
            case "gateway-service" -> gateway.log();
            case "conversation-service" -> conversation.log();
            case "notification-service" -> notification.log();
            case "telegram-ingest-service" -> ingest.log();
            default -> emulator.log();
        };
    }

    @Override
    public synchronized void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        processes.clear();
        stopKafka();
        for (String db : databases) {
            try {
                sql("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
        databases.clear();
    }

    private ServiceProcess track(ServiceProcess process) {
        processes.add(process);
        return process;
    }

    private String createDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        sql("CREATE DATABASE " + name);
        databases.add(name);
        return name;
    }

    private static void sql(String statement) {
        String url = "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, env("PGUSER", "postgres"), env("PGPASSWORD", ""))) {
            c.createStatement().execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("Postgres refused '" + statement + "': " + e.getMessage(), e);
        }
    }

    private static Path projectRoot() {
        String configured = System.getProperty("switchboard.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        if (!Files.exists(root.resolve("conversation-service")) && Files.exists(root.resolve("../conversation-service"))) {
            root = root.resolve("..");
        }
        return root.toAbsolutePath().normalize();
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        return file;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String pgHost() {
        return env("PGHOST", "127.0.0.1");
    }

    private static String pgPort() {
        return env("PGPORT", "5432");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
