package io.wellness.scheduler.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.wellness.common.security.Caller;
import io.wellness.common.security.Roles;
import io.wellness.scheduler.service.PolicyDocument;
import io.wellness.scheduler.service.PolicyService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;

/** The company policy: everyone reads it, admins change it. */
@Path("/api/scheduler/policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    PolicyService policy;

    @GET
    @Authenticated
    @Operation(summary = "Company defaults and bounds")
    public PolicyDocument get() throws SQLException {
        return policy.get();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace the company policy (admin); everyone is rescheduled")
    public PolicyDocument replace(PolicyDocument document) throws SQLException {
        return policy.replace(Bodies.required(document), Caller.of(identity).username());
    }
}
