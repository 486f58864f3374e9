package io.wellness.scheduler.rest;

import io.wellness.common.security.Roles;
import io.wellness.scheduler.service.SettingsDocument;
import io.wellness.scheduler.service.SettingsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;

/** Anyone's break settings, for admins only (others get 403). */
@Path("/api/scheduler/employees/{id}/settings")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EmployeeSettingsResource {

    @Inject
    SettingsService settings;

    @GET
    @Operation(summary = "An employee's effective break settings (admin)")
    public SettingsDocument of(@PathParam("id") String employeeId) throws SQLException {
        return settings.get(Bodies.id(employeeId));
    }

    @PUT
    @Operation(summary = "Replace an employee's break settings (admin)")
    public SettingsDocument replace(@PathParam("id") String employeeId, SettingsDocument document) throws SQLException {
        return settings.replace(Bodies.id(employeeId), Bodies.required(document));
    }
}
