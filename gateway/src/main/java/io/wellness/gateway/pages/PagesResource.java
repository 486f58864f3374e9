package io.wellness.gateway.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import io.wellness.common.security.Caller;
import io.wellness.common.security.Roles;
import io.wellness.gateway.security.CsrfTokens;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;

/**
 * The server-rendered page shells. Each page's data comes from the services through /api on this gateway (with
 * the session cookie and the CSRF header), so the pages and API clients see exactly the same answers and rules.
 * The role check here only spares people a page they cannot use; the services enforce the same roles again.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PagesResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance employee(PageContext page);

        static native TemplateInstance team(PageContext page);

        static native TemplateInstance hr(PageContext page);

        static native TemplateInstance admin(PageContext page);

        static native TemplateInstance forbidden(PageContext page, String requiredRole);
    }

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "quarkus.oidc.authentication.cookie-force-secure")
    boolean secureCookies;

    @GET
    public Response employee(RoutingContext rc, @QueryParam("lang") String lang) {
        PageContext page = context(rc, lang, "/");
        return ok(Templates.employee(page), page);
    }

    @GET
    @Path("team")
    public Response team(RoutingContext rc, @QueryParam("lang") String lang) {
        return guarded(rc, lang, "/team", Roles.TEAM_LEAD, Templates::team);
    }

    @GET
    @Path("hr")
    public Response hr(RoutingContext rc, @QueryParam("lang") String lang) {
        return guarded(rc, lang, "/hr", Roles.HR, Templates::hr);
    }

    @GET
    @Path("admin")
    public Response admin(RoutingContext rc, @QueryParam("lang") String lang) {
        return guarded(rc, lang, "/admin", Roles.ADMIN, Templates::admin);
    }

    private Response guarded(RoutingContext rc, String lang, String path, String role,
                             java.util.function.Function<PageContext, TemplateInstance> template) {
        PageContext page = context(rc, lang, path);
        if (!identity.hasRole(role)) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(Templates.forbidden(page, role).setLocale(Locale.forLanguageTag(page.lang())))
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        }
        return ok(template.apply(page), page);
    }

    private PageContext context(RoutingContext rc, String lang, String path) {
        String chosen = Language.choose(rc, lang, secureCookies);
        String csrf = CsrfTokens.ensure(rc, secureCookies);
        return PageContext.of(Caller.of(identity), chosen, csrf, path);
    }

    private static Response ok(TemplateInstance template, PageContext page) {
        return Response.ok(template.setLocale(Locale.forLanguageTag(page.lang())))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store").build();
    }
}
