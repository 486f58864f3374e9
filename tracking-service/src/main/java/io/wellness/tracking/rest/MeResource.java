package io.wellness.tracking.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.wellness.common.security.Caller;
import io.wellness.tracking.repository.EmployeeDataRepository;
import io.wellness.tracking.service.PersonalDataService;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The caller's own identity and tracking data. Every operation works on the caller's id from the verified token;
 * no parameter names another person, so nobody (whatever their role) can read someone else's records.
 */
@Path("/api/tracking/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    PersonalDataService personalData;

    @GET
    @Operation(summary = "The caller's id, username, roles and teams as this service sees them")
    public Caller me() {
        return Caller.of(identity);
    }

    @GET
    @Path("/history")
    @Operation(summary = "Your breaks and their outcomes, newest first (page from 0, size 1-100)")
    public PersonalDataService.HistoryPage history(@QueryParam("page") String page, @QueryParam("size") String size) {
        FieldErrors errors = new FieldErrors();
        int pageNumber = errors.intParam("page", page, 0, 0, 100_000);
        int pageSize = errors.intParam("size", size, 20, 1, PersonalDataService.MAX_PAGE_SIZE);
        errors.throwIfAny();
        return personalData.history(Caller.of(identity).id(), pageNumber, pageSize);
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Your breaks today and this week, your streak of days with at least N completed, your favourite exercises")
    public PersonalDataService.Stats stats() {
        return personalData.stats(Caller.of(identity).id());
    }

    @GET
    @Path("/export")
    @Operation(summary = "All your tracking data (every break and outcome event), as JSON")
    public Response export() {
        PersonalDataService.Export export = personalData.export(Caller.of(identity).id());
        return Response.ok(export).header("Content-Disposition", "attachment; filename=\"tracking-export.json\"").build();
    }

    @DELETE
    @Operation(summary = "Erase your raw tracking records",
            description = "Deletes your breaks and outcome events. Aggregates already computed stay (they hold no link to you "
                    + "and are released only for groups of at least the minimum size).")
    public EmployeeDataRepository.Erased erase() {
        return personalData.erase(Caller.of(identity).id());
    }
}
