package io.wellness.scheduler.delivery.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.BreakOutcome;
import io.wellness.common.problem.Problem;
import io.wellness.common.problem.ProblemException;
import io.wellness.common.security.Caller;
import io.wellness.common.security.Roles;
import io.wellness.scheduler.delivery.channel.BreakMessages;
import io.wellness.scheduler.delivery.config.DeliveryConfig;
import io.wellness.scheduler.delivery.repository.DeliveryLogRepository;
import io.wellness.scheduler.delivery.repository.DeliveryRecord;
import io.wellness.scheduler.delivery.repository.InboxItem;
import io.wellness.scheduler.delivery.repository.InboxRepository;
import io.wellness.scheduler.delivery.service.InboxBroadcast;
import io.wellness.scheduler.delivery.service.OutcomeService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/** The employee's own breaks on the web page: today's list, a live stream, and Done / Snooze / Skip. */
@Path("/api/scheduler/inbox")
@RolesAllowed({Roles.EMPLOYEE, Roles.TEAM_LEAD, Roles.HR, Roles.ADMIN})
public class InboxResource {
    private static final int MAX_ITEMS = 200;

    private final InboxRepository inbox;
    private final DeliveryLogRepository log;
    private final OutcomeService outcomes;
    private final ObjectMapper json;
    private final SecurityIdentity identity;
    private final Duration catchUp;
    private final Semaphore streams;
    private final InboxBroadcast broadcast;

    public InboxResource(InboxRepository inbox, DeliveryLogRepository log, OutcomeService outcomes, ObjectMapper json,
                         SecurityIdentity identity, DeliveryConfig config, InboxStreamSlots slots, InboxBroadcast broadcast) {
        this.broadcast = broadcast;
        this.inbox = inbox;
        this.log = log;
        this.outcomes = outcomes;
        this.json = json;
        this.identity = identity;
        this.catchUp = config.inboxStreamCatchUp();
        this.streams = slots.semaphore();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's breaks of today (in each break's time zone)")
    public List<InboxEntry> today() throws SQLException {
        Caller caller = Caller.of(identity);
        Instant now = Instant.now();
        List<InboxEntry> entries = new ArrayList<>();
        for (InboxItem item : inbox.dueSince(caller.id(), now.minus(Duration.ofHours(38)), MAX_ITEMS)) {
            ZoneId zone = zone(item.timeZone());
            if (LocalDate.ofInstant(item.dueAt(), zone).equals(LocalDate.ofInstant(now, zone))) {
                entries.add(entry(item));
            }
        }
        return entries;
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-Sent Events: the caller's breaks as they arrive or change (pushed, plus a catch-up of the last minutes on connect)")
    public Multi<InboxEntry> stream() {
        Caller caller = Caller.of(identity);
        if (!streams.tryAcquire()) {
            throw new ProblemException(429, "Too Many Requests", "too many open inbox streams, try again later");
        }
        Instant catchUpFrom = Instant.now().minus(catchUp);
        return Multi.createFrom().<InboxEntry>emitter(emitter -> {
            InboxStream stream = new InboxStream(caller.id(), catchUpFrom, inbox, this::entry, emitter,
                    Infrastructure.getDefaultWorkerPool());
            AutoCloseable watch = broadcast.watch(caller.id(), stream::changed);
            emitter.onTermination(() -> {
                try {
                    watch.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            stream.changed();
        }).onTermination().invoke(streams::release);
    }

    @POST
    @Path("/{breakId}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Records Done / Snooze / Skip for one of the caller's own breaks")
    public OutcomeResponse choose(@PathParam("breakId") String breakIdText, OutcomeRequest request) throws SQLException {
        Caller caller = Caller.of(identity);
        List<Problem.FieldError> errors = new ArrayList<>();
        UUID breakId = null;
        try {
            breakId = UUID.fromString(breakIdText);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("breakId", "must be a UUID"));
        }
        BreakOutcome outcome = null;
        if (request == null || request.outcome() == null) {
            errors.add(new Problem.FieldError("outcome", "is required (completed, snoozed or skipped)"));
        } else {
            try {
                outcome = BreakOutcome.fromWire(request.outcome());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("outcome", "must be completed, snoozed or skipped"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the request has invalid fields", errors);
        }
        DeliveryRecord delivery = log.findLatest(breakId)
                .filter(record -> record.employeeId().equals(caller.id()))
                .orElseThrow(() -> ProblemException.notFound("break", breakIdText));
        OutcomeService.Recorded recorded = outcomes.record(delivery, outcome, "web");
        if (recorded.outcome() != outcome) {
            throw new ProblemException(409, "Conflict", "this break was already " + recorded.outcome().wireName());
        }
        return new OutcomeResponse(breakId, delivery.key().snoozeCount(), recorded.outcome().wireName(), !recorded.firstRecorded());
    }

    private InboxEntry entry(InboxItem item) {
        try {
            BreakDueEvent event = json.readValue(item.event(), BreakDueEvent.class);
            return new InboxEntry(item.breakId(), item.snoozeCount(), item.dueAt(), item.timeZone(), item.channel(),
                    BreakMessages.title(event), BreakMessages.exercises(event), item.outcome(), item.updatedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable inbox item " + item.breakId(), e);
        }
    }

    private static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
