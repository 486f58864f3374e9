package io.wellness.scheduler.delivery.rest;

import io.wellness.common.events.BreakOutcome;
import io.wellness.scheduler.delivery.channel.BreakMessages;
import io.wellness.scheduler.delivery.repository.DeliveryKey;
import io.wellness.scheduler.delivery.repository.DeliveryLogRepository;
import io.wellness.scheduler.delivery.repository.DeliveryRecord;
import io.wellness.scheduler.delivery.security.ActionToken;
import io.wellness.scheduler.delivery.security.ActionTokens;
import io.wellness.scheduler.delivery.service.OutcomeService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Signed one-click action links (public: the token is the credential). Single use: the first click records the
 * choice; any later click of any of the break's links shows that it was already recorded and publishes nothing.
 */
@Path("/api/scheduler/chat/actions")
public class ActionLinkResource {
    private final ActionTokens tokens;
    private final DeliveryLogRepository log;
    private final OutcomeService outcomes;

    public ActionLinkResource(ActionTokens tokens, DeliveryLogRepository log, OutcomeService outcomes) {
        this.tokens = tokens;
        this.log = log;
        this.outcomes = outcomes;
    }

    @GET
    @Path("/{token}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One-click Done / Snooze / Skip link (signed, expiring, single use)")
    public Response click(@PathParam("token") String token) throws SQLException {
        Optional<ActionToken> verified = tokens.verify(token, Instant.now());
        if (verified.isEmpty()) {
            return page(410, "This link is not valid any more", "It expired or was changed. Your next break brings new links.");
        }
        ActionToken action = verified.get();
        Optional<DeliveryRecord> delivery = log.find(new DeliveryKey(action.breakId(), action.snoozeCount()))
                .filter(record -> record.employeeId().equals(action.employeeId()));
        if (delivery.isEmpty()) {
            return page(404, "Break not found", "This break is not known here.");
        }
        OutcomeService.Recorded recorded = outcomes.record(delivery.get(), action.outcome(), "link");
        if (!recorded.firstRecorded()) {
            return page(200, "Already recorded", "Your choice for this break was already recorded: "
                    + label(recorded.outcome()) + ". Nothing else was changed.");
        }
        return page(200, "Recorded: " + label(recorded.outcome()), BreakMessages.chosenText(recorded.outcome()));
    }

    private static String label(BreakOutcome outcome) {
        return BreakMessages.buttonLabel(outcome);
    }

    private static Response page(int status, String title, String text) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>"
                + escape(title) + "</title></head><body><main><h1>" + escape(title) + "</h1><p>" + escape(text)
                + "</p></main></body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").entity(html).build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
