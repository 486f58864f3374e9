package io.wellness.catalog;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.wellness.infra.quarkus.WellnessTestResource;

/** Every @QuarkusTest of this module runs against real PostgreSQL (catalog database), Kafka and Keycloak. */
@QuarkusTestResource(value = WellnessTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "catalog"))
public final class WellnessInfraForTests {
    private WellnessInfraForTests() {
    }
}
