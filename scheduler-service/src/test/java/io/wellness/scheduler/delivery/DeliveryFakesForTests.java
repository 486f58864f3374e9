package io.wellness.scheduler.delivery;

import io.quarkus.test.common.QuarkusTestResource;
import io.wellness.scheduler.delivery.fake.FakeChats;

/** Every @QuarkusTest of this module sees the fake chat APIs, so one application start serves all tests. */
@QuarkusTestResource(value = FakeChats.class, restrictToAnnotatedClass = false)
public final class DeliveryFakesForTests {
    private DeliveryFakesForTests() {
    }
}
