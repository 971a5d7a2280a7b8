package io.switchboard.gateway.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.switchboard.testing.PostgresDatabaseResource;

/**
 * Resources every {@code @QuarkusTest} of this module runs with (declared once here): a fresh Postgres database,
 * and the {@link FakeUpstreams}. The test key pair is configured in {@code application.properties} under {@code %test}.
 */
@QuarkusTestResource(value = PostgresDatabaseResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeUpstreams.class, restrictToAnnotatedClass = false)
public final class GatewayTestResources {

    private GatewayTestResources() {
    }
}
