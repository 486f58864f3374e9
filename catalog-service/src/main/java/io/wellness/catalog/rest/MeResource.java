package io.wellness.catalog.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.wellness.common.security.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who the service thinks the caller is, read from the verified token. */
@Path("/api/catalog/me")
@Authenticated
public class MeResource {

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's id, username, roles and teams as this service sees them")
    public Caller me() {
        return Caller.of(identity);
    }
}
