package io.switchboard.ingest.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * Rebalance listener of channel {@code telegram-commands} (named {@value #NAME} in
 * {@code mp.messaging.incoming.telegram-commands.consumer-rebalance-listener.name}): when a partition is revoked or
 * lost, the {@link CommandConsumer} drops its commands that are queued but not started, so only the partition's new
 * owner executes them. Runs on the Kafka polling thread.
 */
@ApplicationScoped
@Identifier(CommandRebalanceListener.NAME)
public class CommandRebalanceListener implements KafkaConsumerRebalanceListener {

    /** The bean name the channel configuration refers to. */
    public static final String NAME = "telegram-commands-rebalance";

    private final CommandConsumer consumer;

    CommandRebalanceListener(CommandConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> kafka, Collection<TopicPartition> partitions) {
        consumer.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> kafka, Collection<TopicPartition> partitions) {
        consumer.revoked(partitions);
    }
}
