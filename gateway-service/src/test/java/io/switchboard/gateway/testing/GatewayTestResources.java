package io.switchboard.gateway.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.switchboard.testing.KafkaBrokerResource;
import io.switchboard.testing.PostgresDatabaseResource;

/**
 * Resources every {@code @QuarkusTest} of this module runs with (declared once here): a fresh Postgres database,
 * the shared test Kafka broker (widget messages), and the {@link FakeUpstreams}. Redis is the loopback server
 * ({@code redis://127.0.0.1:6379}); tests use fresh addresses and conversation ids, so runs never share a bucket. The test key pair is configured in {@code application.properties} under {@code %test}.
 */
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeUpstreams.class, restrictToAnnotatedClass = false)
public final class GatewayTestResources {

    private GatewayTestResources() {
    }
}
