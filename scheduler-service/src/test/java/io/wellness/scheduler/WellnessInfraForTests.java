package io.wellness.scheduler;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.wellness.infra.quarkus.WellnessTestResource;

/** Every @QuarkusTest of this module runs against real PostgreSQL (scheduler database), Kafka and Keycloak. */
@QuarkusTestResource(value = WellnessTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "scheduler"))
public final class WellnessInfraForTests {
    private WellnessInfraForTests() {
    }
}
