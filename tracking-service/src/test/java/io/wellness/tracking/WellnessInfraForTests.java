package io.wellness.tracking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.wellness.infra.quarkus.WellnessTestResource;

/** Every @QuarkusTest of this module runs against real PostgreSQL (tracking database), Kafka and Keycloak. */
@QuarkusTestResource(value = WellnessTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "tracking"))
public final class WellnessInfraForTests {
    private WellnessInfraForTests() {
    }
}
