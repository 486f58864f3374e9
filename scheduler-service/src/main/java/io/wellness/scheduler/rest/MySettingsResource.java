package io.wellness.scheduler.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.wellness.common.security.Caller;
import io.wellness.scheduler.service.SettingsDocument;
import io.wellness.scheduler.service.SettingsService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;

/** The caller's own break settings. */
@Path("/api/scheduler/me/settings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MySettingsResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    SettingsService settings;

    @GET
    @Operation(summary = "The caller's effective break settings")
    public SettingsDocument mine() throws SQLException {
        return settings.get(Caller.of(identity).id());
    }

    @PUT
    @Operation(summary = "Replace the caller's break settings (null = company default); 400 lists every invalid field")
    public SettingsDocument replaceMine(SettingsDocument document) throws SQLException {
        return settings.replace(Caller.of(identity).id(), Bodies.required(document));
    }
}
