package io.wellness.scheduler.service;

import io.wellness.scheduler.mapping.WorkingHoursJson;

import java.util.List;
import java.util.Map;

/** The company policy as the API reads and writes it. */
public record PolicyDocument(Integer defaultIntervalMinutes, Integer minIntervalMinutes, Integer maxIntervalMinutes,
                             Map<String, List<WorkingHoursJson.Range>> defaultWorkingHours, String defaultChannelType,
                             Integer maxBusyBlocks) {
}
