package io.wellness.scheduler.rest;

import io.wellness.common.security.Roles;
import io.wellness.scheduler.roster.RosterImport;
import io.wellness.scheduler.roster.RosterSync;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;

/** Roster maintenance (admin): sync from Keycloak now, or import a CSV roster. */
@Path("/api/scheduler/roster")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class RosterResource {

    @Inject
    RosterSync sync;

    @Inject
    RosterImport csvImport;

    @POST
    @Path("/sync")
    @Operation(summary = "Sync the roster from Keycloak now")
    public RosterSync.Summary sync() throws SQLException {
        return sync.sync();
    }

    @POST
    @Path("/import")
    @Consumes("text/csv")
    @Operation(summary = "Import a CSV roster: all lines or none; 400 lists every rejected line")
    public RosterImport.Summary importCsv(String csv) throws SQLException {
        return csvImport.importCsv(csv);
    }
}
