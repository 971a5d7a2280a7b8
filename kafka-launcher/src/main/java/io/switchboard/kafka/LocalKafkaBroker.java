package io.switchboard.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker in KRaft combined mode (broker and controller in one process), started
 * from the Maven Central {@code kafka_2.13} artifact, without Docker.
 *
 * <p>Used in-process by tests (see test-support's {@code KafkaBrokerResource}) and as its own JVM by {@code ./run}
 * through {@link #main(String[])}. Every replication factor is 1; topics are auto-created with
 * {@value #DEFAULT_PARTITIONS} partitions.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    /** Partitions of an auto-created topic. */
    public static final int DEFAULT_PARTITIONS = 4;

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDir;
    private final boolean deleteOnClose;

    private LocalKafkaBroker(KafkaRaftServer server, int port, Path dataDir, boolean deleteOnClose) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Formats {@code dataDir} (when it is not formatted yet) and starts a broker listening on 127.0.0.1.
     *
     * @param port          client port, or 0 for a free one
     * @param dataDir       broker home (log segments under {@code logs/}); null for a fresh temporary one that is
     *                      deleted on {@link #close()}
     * @return the started broker; {@link #bootstrapServers()} is ready to use
     * @throws IllegalStateException when the storage cannot be formatted or the broker does not start
     */
    public static LocalKafkaBroker start(int port, Path dataDir) {
        try {
            boolean temporary = dataDir == null;
            Path dir = temporary ? Files.createTempDirectory("switchboard-kafka-") : dataDir;
            Files.createDirectories(dir);
            int clientPort = port == 0 ? freePort() : port;
            int controllerPort = controllerPort(dir);
            Path logDir = Files.createDirectories(dir.resolve("logs"));
            Properties props = brokerProperties(logDir, clientPort, controllerPort);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir, props);
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
            server.startup();
            return new LocalKafkaBroker(server, clientPort, dir, temporary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker's address for clients, {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** Stops the broker and, for a temporary broker, deletes its data. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    /**
     * Runs a broker until the JVM is stopped. Arguments: {@code [port] [dataDir]}, defaulting to the environment
     * variables {@code KAFKA_PORT} (9092) and {@code KAFKA_DATA_DIR} (a temporary directory). Prints
     * "Kafka Server started on 127.0.0.1:PORT" on stdout once clients can connect.
     */
    public static void main(String[] args) {
        int port = Integer.parseInt(args.length > 0 ? args[0] : env("KAFKA_PORT", "9092"));
        String dir = args.length > 1 ? args[1] : System.getenv("KAFKA_DATA_DIR");
        LocalKafkaBroker broker = start(port, dir == null || dir.isBlank() ? null : Path.of(dir));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-shutdown"));
        System.out.println("Kafka Server started on " + broker.bootstrapServers());
        System.out.flush();
        broker.server.awaitShutdown();
    }

    private static Properties brokerProperties(Path dir, int clientPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.toAbsolutePath().toString());
        p.put("num.partitions", String.valueOf(DEFAULT_PARTITIONS));
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return p;
    }

    private static void format(Path dir, Properties props) throws IOException {
        Path config = Files.createTempFile("kraft-", ".properties");
        try (var out = Files.newOutputStream(config)) {
            props.store(out, "generated by LocalKafkaBroker");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(),
                    "--ignore-formatted"}, print);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dir + ": "
                    + buffer.toString(StandardCharsets.UTF_8), e);
        } finally {
            Files.deleteIfExists(config);
        }
    }

    /**
     * The controller port of a data directory: chosen once and remembered in {@code controller.port}, so that a
     * broker restarted on the same directory (e.g. in an outage test) finds its quorum where it left it.
     */
    private static int controllerPort(Path dir) throws IOException {
        Path file = dir.resolve("controller.port");
        if (Files.exists(file)) {
            return Integer.parseInt(Files.readString(file).trim());
        }
        int port = freePort();
        Files.writeString(file, Integer.toString(port));
        return port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir left behind is harmless
        }
    }
}
