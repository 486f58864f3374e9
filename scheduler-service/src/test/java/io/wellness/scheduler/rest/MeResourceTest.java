package io.wellness.scheduler.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.wellness.infra.quarkus.CallerEndpointContract;

/** Real Keycloak tokens against this service: accepted when genuine, refused when forged, expired or missing. */
@QuarkusTest
class MeResourceTest extends CallerEndpointContract {

    @Override
    protected String mePath() {
        return "/api/scheduler/me";
    }
}
