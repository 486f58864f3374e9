package io.wellness.scheduler.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.wellness.common.security.Caller;
import io.wellness.scheduler.service.BusyBlockService;
import io.wellness.scheduler.service.BusyBlockService.BusyBlock;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** The caller's own busy blocks; a break that falls inside one moves to its end. */
@Path("/api/scheduler/me/busy-blocks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BusyBlockResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    BusyBlockService blocks;

    @GET
    @Operation(summary = "The caller's busy blocks that have not ended")
    public List<BusyBlock> list() throws SQLException {
        return blocks.list(Caller.of(identity).id());
    }

    @POST
    @Operation(summary = "Add a busy block")
    public Response create(BusyBlock block) throws SQLException {
        BusyBlock created = blocks.create(Caller.of(identity).id(), block);
        return Response.created(URI.create("/api/scheduler/me/busy-blocks/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change one of the caller's busy blocks")
    public BusyBlock replace(@PathParam("id") UUID id, BusyBlock block) throws SQLException {
        return blocks.replace(Caller.of(identity).id(), id, block);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove one of the caller's busy blocks")
    public Response delete(@PathParam("id") UUID id) throws SQLException {
        blocks.delete(Caller.of(identity).id(), id);
        return Response.noContent().build();
    }
}
