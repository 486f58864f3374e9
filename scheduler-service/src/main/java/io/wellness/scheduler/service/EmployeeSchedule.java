package io.wellness.scheduler.service;

import io.wellness.scheduler.timing.BusyInterval;
import io.wellness.scheduler.timing.ScheduleRules;
import io.wellness.scheduler.timing.WorkingHours;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** One employee's effective scheduling settings: their own settings over the roster over the company policy. */
public record EmployeeSchedule(String employeeId, String team, ZoneId zone, String locale, String channelType,
                               String channelAddress, boolean active, WorkingHours hours, Duration interval,
                               String position, List<String> equipment, List<String> focusRegions,
                               List<String> avoid, Instant pausedUntil, boolean optedOut) {

    public ScheduleRules rules(List<BusyInterval> busy) {
        return new ScheduleRules(employeeId, zone, hours, interval, busy, pausedUntil, optedOut, active);
    }
}
