package io.wellness.scheduler.repository;

/** Company-wide defaults and bounds (one row, admin-editable). */
public record CompanyPolicy(int defaultIntervalMinutes, int minIntervalMinutes, int maxIntervalMinutes,
                            String defaultWorkingHoursJson, String defaultChannelType, int maxBusyBlocks) {
}
