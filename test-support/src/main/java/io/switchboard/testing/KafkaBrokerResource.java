package io.switchboard.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.kafka.LocalKafkaBroker;

import java.util.Map;

/**
 * Quarkus test resource: a real KRaft Kafka broker in the test JVM, shared by every test class of the run
 * (started once, stopped when the JVM exits). Sets {@code kafka.bootstrap.servers}.
 *
 * <p>Use: {@code @QuarkusTestResource(KafkaBrokerResource.class)} or {@code @WithTestResource}.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static final String SHARED_BROKER_PROPERTY = "switchboard.test.kafka.bootstrap-servers";

    private static LocalKafkaBroker broker;

    /** The shared broker, started on first use. */
    public static synchronized LocalKafkaBroker broker() {
        if (broker == null) {
            broker = LocalKafkaBroker.start(0, null);
            LocalKafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-kafka-shutdown"));
        }
        return broker;
    }

    /**
     * Bootstrap servers of the shared broker, e.g. {@code 127.0.0.1:40123}. The address is kept in a JVM system
     * property, so that Quarkus's restart of the application between test profiles (a new class loader, hence a
     * fresh static field) reuses the running broker instead of starting another.
     */
    public static synchronized String bootstrapServers() {
        String running = System.getProperty(SHARED_BROKER_PROPERTY);
        if (running != null) {
            return running;
        }
        String servers = broker().bootstrapServers();
        System.setProperty(SHARED_BROKER_PROPERTY, servers);
        return servers;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // shared across test classes; closed by the shutdown hook
    }
}
