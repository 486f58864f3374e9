package io.wellness.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.wellness.gateway.support.GatewayTestResource;

/** Every @QuarkusTest of the gateway runs against the real Keycloak, with fake services behind the proxy. */
@QuarkusTestResource(value = GatewayTestResource.class, restrictToAnnotatedClass = false)
public final class GatewayInfraForTests {
    private GatewayInfraForTests() {
    }
}
