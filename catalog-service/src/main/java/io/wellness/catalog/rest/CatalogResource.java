package io.wellness.catalog.rest;

import io.smallrye.common.annotation.NonBlocking;
import io.wellness.catalog.rest.api.CatalogVersionView;
import io.wellness.catalog.rest.api.SafetyView;
import io.wellness.catalog.service.CatalogReadModel;
import io.wellness.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Catalog-wide documents: the general safety guidance and the catalog version. */
@Path("/api/catalog")
@Tag(name = "Catalog")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.EMPLOYEE, Roles.TEAM_LEAD, Roles.HR, Roles.ADMIN, Roles.SERVICE})
public class CatalogResource {

    @Inject
    CatalogReadModel catalog;
    @Inject
    CachedResponses responses;

    @GET
    @Path("/safety")
    @NonBlocking
    @Operation(summary = "General safety guidance from the source articles",
            description = "Every client shows it with the exercises. Localised by Accept-Language (en, de; otherwise en).")
    @APIResponse(responseCode = "200", description = "The guidance and the articles it comes from",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SafetyView.class),
                    examples = @ExampleObject(name = "safety", value = ApiExamples.SAFETY)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag in If-None-Match")
    public Response safety(@HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                           @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String language = Languages.negotiate(acceptLanguage);
        return responses.respond(catalog.current().safetyBody(language), language, ifNoneMatch);
    }

    @GET
    @Path("/version")
    @NonBlocking
    @Operation(summary = "The catalog version",
            description = "\"<revision>-<first 12 hex digits of the SHA-256 of the content>\"; it changes with every content change "
                    + "(seed file change or admin edit). Plans name the version they were made from.")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CatalogVersionView.class),
                    examples = @ExampleObject(name = "version", value = ApiExamples.VERSION)))
    public Response version(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return responses.respond(catalog.current().versionBody(), null, ifNoneMatch);
    }
}
