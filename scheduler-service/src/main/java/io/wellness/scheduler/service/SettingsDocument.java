package io.wellness.scheduler.service;

import io.wellness.scheduler.mapping.WorkingHoursJson;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An employee's settings as the API reads and writes them. On PUT, null workingHours / timeZone / intervalMinutes /
 * channel mean "the default" (company policy, roster); GET answers the effective values.
 */
public record SettingsDocument(Map<String, List<WorkingHoursJson.Range>> workingHours, String timeZone,
                               Integer intervalMinutes, String preferredPosition, List<String> equipment,
                               List<String> focusRegions, List<String> avoid, Channel channel, Instant pausedUntil,
                               Boolean optedOut) {

    public record Channel(String type, String address) {
    }
}
