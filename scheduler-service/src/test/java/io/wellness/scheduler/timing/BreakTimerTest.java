package io.wellness.scheduler.timing;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BreakTimerTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Duration INTERVAL = Duration.ofMinutes(45);
    private static final String EMPLOYEE = "0b6f6c1e-1111-4222-8333-944455556666";
    private static final Duration OFFSET = BreakTimer.offsetOf(EMPLOYEE, INTERVAL);

    private static WorkingHours everyDay(TimeRange... ranges) {
        Map<DayOfWeek, List<TimeRange>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day, List.of(ranges));
        }
        return new WorkingHours(days);
    }

    private static ScheduleRules rules(ZoneId zone, WorkingHours hours) {
        return new ScheduleRules(EMPLOYEE, zone, hours, INTERVAL, List.of(), null, false, true);
    }

    private static Instant at(ZoneId zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    /** Every break of one local day, computed by repeatedly asking for the next one. */
    private static List<Instant> breaksOn(ScheduleRules rules, LocalDate day) {
        Instant from = day.atStartOfDay(rules.zone()).toInstant().minusNanos(1);
        Instant to = day.plusDays(1).atStartOfDay(rules.zone()).toInstant();
        return BreakTimer.upcoming(rules, from, 200).stream().filter(i -> i.isBefore(to)).toList();
    }

    @Test
    void offsetIsStableAndSpreadsEmployees() {
        assertThat(BreakTimer.offsetOf(EMPLOYEE, INTERVAL)).isEqualTo(OFFSET);
        assertThat(OFFSET).isBetween(Duration.ZERO, BreakTimer.OFFSET_SPREAD.minusSeconds(1));
        Set<Duration> offsets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            offsets.add(BreakTimer.offsetOf("employee-" + i, INTERVAL));
        }
        assertThat(offsets).hasSizeGreaterThan(200);
    }

    @Test
    void firstBreakIsOneIntervalAfterWorkStartsAndNoneAtOrAfterTheEnd() {
        ScheduleRules rules = rules(BERLIN, everyDay(TimeRange.of("09:00", "12:00")));
        List<Instant> breaks = breaksOn(rules, LocalDate.of(2026, 6, 10));
        Instant start = at(BERLIN, "2026-06-10T09:00");
        assertThat(breaks.getFirst()).isEqualTo(start.plus(INTERVAL).plus(OFFSET));
        Instant end = at(BERLIN, "2026-06-10T12:00");
        assertThat(breaks).allSatisfy(b -> assertThat(b).isBefore(end).isAfter(start));
        for (int i = 1; i < breaks.size(); i++) {
            assertThat(Duration.between(breaks.get(i - 1), breaks.get(i))).isEqualTo(INTERVAL);
        }
        // 09:45+o, 10:30+o, 11:15+o; 12:00+o is outside
        assertThat(breaks).hasSize(3);
    }

    @Test
    void splitDayRestartsTheGridAfterLunchAndSkipsTheGap() {
        ScheduleRules rules = rules(NEW_YORK, everyDay(TimeRange.of("09:00", "12:00"), TimeRange.of("13:00", "17:30")));
        List<Instant> breaks = breaksOn(rules, LocalDate.of(2026, 6, 10));
        assertThat(breaks).hasSize(3 + 5);
        assertThat(breaks.get(3)).isEqualTo(at(NEW_YORK, "2026-06-10T13:45").plus(OFFSET));
        assertThat(breaks).noneMatch(b -> {
            LocalTime local = b.atZone(NEW_YORK).toLocalTime();
            return !local.isBefore(LocalTime.NOON) && local.isBefore(LocalTime.of(13, 0));
        });
    }

    @Test
    void rangesShorterThanOneIntervalGetNoBreak() {
        ScheduleRules rules = rules(BERLIN, everyDay(TimeRange.of("09:00", "09:40")));
        assertThat(breaksOn(rules, LocalDate.of(2026, 6, 10))).isEmpty();
    }

    @Test
    void nextDueAfterTheLastBreakOfTheDayIsTheFirstOfTheNextWorkingDay() {
        Map<DayOfWeek, List<TimeRange>> weekdays = new EnumMap<>(DayOfWeek.class);
        weekdays.put(DayOfWeek.FRIDAY, List.of(TimeRange.of("09:00", "17:00")));
        weekdays.put(DayOfWeek.MONDAY, List.of(TimeRange.of("10:00", "17:00")));
        ScheduleRules rules = rules(BERLIN, new WorkingHours(weekdays));
        // Friday 2026-06-12 16:59 -> Monday 2026-06-15 10:45 + offset
        assertThat(BreakTimer.nextDue(rules, at(BERLIN, "2026-06-12T16:59")))
                .contains(at(BERLIN, "2026-06-15T10:45").plus(OFFSET));
    }

    @Test
    void springForwardInNewYorkHasNoBreakInTheSkippedHourAndKeepsRealSpacing() {
        // 2026-03-08 02:00 EST -> 03:00 EDT
        ScheduleRules rules = rules(NEW_YORK, everyDay(TimeRange.of("00:00", "06:00")));
        List<Instant> breaks = breaksOn(rules, LocalDate.of(2026, 3, 8));
        assertThat(breaks).noneMatch(b -> b.atZone(NEW_YORK).getHour() == 2);
        for (int i = 1; i < breaks.size(); i++) {
            assertThat(Duration.between(breaks.get(i - 1), breaks.get(i))).isEqualTo(INTERVAL);
        }
        // the local range lasts 5 real hours that day: breaks at 0:45..4:30 real -> 6 (vs 7 on a normal day)
        assertThat(breaks).hasSize(6);
        assertThat(breaksOn(rules, LocalDate.of(2026, 3, 15))).hasSize(7);
    }

    @Test
    void rangeStartingInTheSkippedHourStartsWhenClocksHaveJumped() {
        ScheduleRules rules = rules(NEW_YORK, everyDay(TimeRange.of("02:30", "06:00")));
        List<Instant> breaks = breaksOn(rules, LocalDate.of(2026, 3, 8));
        assertThat(breaks.getFirst()).isEqualTo(at(NEW_YORK, "2026-03-08T03:30").plus(INTERVAL).plus(OFFSET));
        assertThat(breaks).noneMatch(b -> b.atZone(NEW_YORK).getHour() == 2);
    }

    @Test
    void fallBackInNewYorkNeverRepeatsABreakInTheRepeatedHour() {
        // 2026-11-01 02:00 EDT -> 01:00 EST: local 01:00-02:00 happens twice
        ScheduleRules rules = rules(NEW_YORK, everyDay(TimeRange.of("00:00", "06:00")));
        List<Instant> breaks = breaksOn(rules, LocalDate.of(2026, 11, 1));
        assertThat(new HashSet<>(breaks)).hasSameSizeAs(breaks);
        Set<LocalTime> localTimes = new HashSet<>();
        breaks.forEach(b -> assertThat(localTimes.add(b.atZone(NEW_YORK).toLocalTime())).as("local time repeated: " + b).isTrue());
        for (int i = 1; i < breaks.size(); i++) {
            assertThat(Duration.between(breaks.get(i - 1), breaks.get(i))).isEqualTo(INTERVAL);
        }
        // 7 real hours that day -> 9 breaks (vs 7 on a normal day), the last before 06:00 EST
        assertThat(breaks).hasSize(9);
        assertThat(breaks.getLast()).isBefore(at(NEW_YORK, "2026-11-01T06:00"));
    }

    @Test
    void berlinSpringForwardAndFallBack() {
        ScheduleRules rules = rules(BERLIN, everyDay(TimeRange.of("01:00", "05:00")));
        // 2026-03-29 02:00 CET -> 03:00 CEST
        List<Instant> spring = breaksOn(rules, LocalDate.of(2026, 3, 29));
        assertThat(spring).noneMatch(b -> b.atZone(BERLIN).getHour() == 2);
        assertThat(spring).hasSize(3);
        // 2026-10-25 03:00 CEST -> 02:00 CET: local 02:00-03:00 twice
        List<Instant> autumn = breaksOn(rules, LocalDate.of(2026, 10, 25));
        Set<LocalTime> localTimes = new HashSet<>();
        autumn.forEach(b -> assertThat(localTimes.add(b.atZone(BERLIN).toLocalTime())).isTrue());
        assertThat(autumn).hasSize(6);
        assertThat(autumn.getLast()).isBefore(at(BERLIN, "2026-10-25T05:00"));
    }

    @Test
    void workingRangeEndingInTheRepeatedHourEndsAtItsSecondOccurrence() {
        ScheduleRules rules = rules(NEW_YORK, everyDay(TimeRange.of("00:00", "01:30")));
        ZonedDateTime secondOccurrence = ZonedDateTime.ofLocal(LocalDateTime.parse("2026-11-01T01:30"), NEW_YORK, null)
                .withLaterOffsetAtOverlap();
        List<Instant> breaks = breaksOn(rules, LocalDate.of(2026, 11, 1));
        assertThat(breaks).allSatisfy(b -> assertThat(b).isBefore(secondOccurrence.toInstant()));
        assertThat(breaks).hasSize(3);
    }

    @Test
    void aBreakInsideABusyBlockMovesToItsEndWithinWorkingHours() {
        Instant normal = at(BERLIN, "2026-06-10T09:45").plus(OFFSET);
        BusyInterval meeting = new BusyInterval(at(BERLIN, "2026-06-10T09:30"), at(BERLIN, "2026-06-10T10:10"));
        ScheduleRules rules = new ScheduleRules(EMPLOYEE, BERLIN, everyDay(TimeRange.of("09:00", "12:00")), INTERVAL,
                List.of(meeting), null, false, true);
        assertThat(BreakTimer.nextDue(rules, at(BERLIN, "2026-06-10T08:00"))).contains(meeting.end());
        assertThat(meeting.end()).isAfter(normal);
        // after the moved break, the grid continues
        assertThat(BreakTimer.nextDue(rules, meeting.end())).contains(normal.plus(INTERVAL));
    }

    @Test
    void aBusyBlockRunningPastTheEndOfWorkPushesTheBreakToTheNextRange() {
        BusyInterval offsite = new BusyInterval(at(BERLIN, "2026-06-10T09:00"), at(BERLIN, "2026-06-10T12:30"));
        ScheduleRules rules = new ScheduleRules(EMPLOYEE, BERLIN,
                everyDay(TimeRange.of("09:00", "12:00"), TimeRange.of("13:00", "17:00")), INTERVAL,
                List.of(offsite), null, false, true);
        assertThat(BreakTimer.nextDue(rules, at(BERLIN, "2026-06-10T08:00")))
                .contains(at(BERLIN, "2026-06-10T13:45").plus(OFFSET));
    }

    @Test
    void chainedBusyBlocksMoveTheBreakPastAllOfThem() {
        BusyInterval first = new BusyInterval(at(BERLIN, "2026-06-10T09:40"), at(BERLIN, "2026-06-10T10:00"));
        BusyInterval second = new BusyInterval(at(BERLIN, "2026-06-10T09:55"), at(BERLIN, "2026-06-10T10:20"));
        ScheduleRules rules = new ScheduleRules(EMPLOYEE, BERLIN, everyDay(TimeRange.of("09:00", "12:00")), INTERVAL,
                List.of(second, first), null, false, true);
        assertThat(BreakTimer.nextDue(rules, at(BERLIN, "2026-06-10T08:00"))).contains(second.end());
    }

    @Test
    void pausedUntilSuppressesBreaksUntilTheHolidayEnds() {
        Instant back = at(BERLIN, "2026-06-15T00:00");
        ScheduleRules rules = new ScheduleRules(EMPLOYEE, BERLIN, everyDay(TimeRange.of("09:00", "12:00")), INTERVAL,
                List.of(), back, false, true);
        assertThat(BreakTimer.nextDue(rules, at(BERLIN, "2026-06-10T08:00")))
                .contains(at(BERLIN, "2026-06-15T09:45").plus(OFFSET));
        // a pause ending mid-range resumes on the grid, not immediately
        ScheduleRules midMorning = new ScheduleRules(EMPLOYEE, BERLIN, everyDay(TimeRange.of("09:00", "12:00")), INTERVAL,
                List.of(), at(BERLIN, "2026-06-10T10:00"), false, true);
        assertThat(BreakTimer.nextDue(midMorning, at(BERLIN, "2026-06-10T08:00")))
                .contains(at(BERLIN, "2026-06-10T10:30").plus(OFFSET));
    }

    @Test
    void optedOutInactiveOrNoWorkingHoursMeansNoBreak() {
        WorkingHours hours = everyDay(TimeRange.of("09:00", "12:00"));
        Instant now = at(BERLIN, "2026-06-10T08:00");
        assertThat(BreakTimer.nextDue(new ScheduleRules(EMPLOYEE, BERLIN, hours, INTERVAL, List.of(), null, true, true), now)).isEmpty();
        assertThat(BreakTimer.nextDue(new ScheduleRules(EMPLOYEE, BERLIN, hours, INTERVAL, List.of(), null, false, false), now)).isEmpty();
        assertThat(BreakTimer.nextDue(rules(BERLIN, new WorkingHours(Map.of())), now)).isEmpty();
    }

    @Test
    void aTimeZoneChangeMovesBreaksToTheNewLocalHours() {
        WorkingHours hours = everyDay(TimeRange.of("09:00", "12:00"));
        Instant now = Instant.parse("2026-06-10T00:00:00Z");
        Instant berlin = BreakTimer.nextDue(rules(BERLIN, hours), now).orElseThrow();
        Instant newYork = BreakTimer.nextDue(rules(NEW_YORK, hours), now).orElseThrow();
        assertThat(berlin.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 45).plus(OFFSET));
        assertThat(newYork.atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(9, 45).plus(OFFSET));
        assertThat(Duration.between(berlin, newYork)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void overlappingRangesAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> everyDay(TimeRange.of("09:00", "12:00"), TimeRange.of("11:00", "13:00")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
