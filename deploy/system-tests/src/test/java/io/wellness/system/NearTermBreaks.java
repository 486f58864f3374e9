package io.wellness.system;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Settings that make an employee's first break of the day fall a few seconds from now, in real time: the working
 * range starts one interval plus the employee's stable offset (the scheduler's documented grid, BreakTimer) before
 * the wanted instant. Every replica then agrees on the due time, which an accelerated clock per process would not.
 */
final class NearTermBreaks {
    static final int INTERVAL_MINUTES = 20;
    private static final Duration OFFSET_SPREAD = Duration.ofMinutes(5);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private NearTermBreaks() {
    }

    /** A zone where it is neither close to midnight now nor within the next half hour: UTC unless it is late there. */
    static ZoneId zoneAwayFromMidnight(Instant now) {
        int hour = now.atZone(ZoneId.of("UTC")).getHour();
        return hour >= 1 && hour < 22 ? ZoneId.of("UTC") : ZoneId.of("Etc/GMT+6");
    }

    /** The stable offset of an employee, as the scheduler computes it (String hash, golden-ratio mix, 5-minute spread). */
    static Duration offsetOf(String employeeId, Duration interval) {
        long spread = Math.min(OFFSET_SPREAD.toSeconds(), interval.toSeconds());
        int mixed = employeeId.hashCode() * 0x9E3779B1;
        return Duration.ofSeconds(Math.floorMod(mixed ^ (mixed >>> 16), spread));
    }

    /** The first break of an employee whose working range starts at the returned instant; between notBefore and a minute later. */
    static Instant rangeStartFor(String employeeId, Instant notBefore) {
        Duration interval = Duration.ofMinutes(INTERVAL_MINUTES);
        Instant start = notBefore.minus(interval).minus(offsetOf(employeeId, interval));
        Instant minute = start.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(start) ? minute : minute.plus(Duration.ofMinutes(1));
    }

    static Instant firstBreak(String employeeId, Instant rangeStart) {
        Duration interval = Duration.ofMinutes(INTERVAL_MINUTES);
        return rangeStart.plus(interval).plus(offsetOf(employeeId, interval));
    }

    /** Settings: today from {@code rangeStart} to 23:59 local, 20-minute interval, Slack direct messages. */
    static ObjectNode settings(Instant rangeStart, ZoneId zone, String slackUserId) {
        ZonedDateTime local = rangeStart.atZone(zone);
        ObjectNode settings = Platform.JSON.createObjectNode();
        settings.putObject("workingHours").putArray(local.getDayOfWeek().name()).addObject()
                .put("start", local.format(HH_MM)).put("end", "23:59");
        settings.put("timeZone", zone.getId());
        settings.put("intervalMinutes", INTERVAL_MINUTES);
        settings.putObject("channel").put("type", "slack").put("address", slackUserId);
        settings.put("optedOut", false);
        return settings;
    }

    static ObjectNode optedOut() {
        ObjectNode settings = Platform.JSON.createObjectNode();
        settings.put("optedOut", true);
        return settings;
    }
}
