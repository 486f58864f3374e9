package io.wellness.scheduler.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Every @QuarkusTest of this module gets the fake catalog (see {@link FakeCatalog}). */
@QuarkusTestResource(value = FakeCatalogResource.class, restrictToAnnotatedClass = false)
public final class FakeCatalogForTests {
    private FakeCatalogForTests() {
    }
}
