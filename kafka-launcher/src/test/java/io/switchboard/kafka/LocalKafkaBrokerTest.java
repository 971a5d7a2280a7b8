package io.switchboard.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalKafkaBrokerTest {

    @Test
    void aRecordProducedWithAcksAllIsConsumedBack() throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(0, null)) {
            Map<String, Object> common = Map.of("bootstrap.servers", broker.bootstrapServers());
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(),
                    "acks", "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("smoke", "k", "héllo 👋")).get();
            }
            try (Admin admin = Admin.create(common)) {
                assertEquals(LocalKafkaBroker.DEFAULT_PARTITIONS, admin.describeTopics(List.of("smoke")).allTopicNames()
                        .get().get("smoke").partitions().size());
            }
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(),
                    "group.id", "smoke", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("smoke"));
                String value = null;
                long deadline = System.currentTimeMillis() + 20_000;
                while (value == null && System.currentTimeMillis() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    for (var r : records) {
                        value = r.value();
                    }
                }
                assertEquals("héllo 👋", value);
            }
        }
    }
}
