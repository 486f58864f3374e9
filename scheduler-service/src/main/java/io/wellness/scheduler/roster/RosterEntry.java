package io.wellness.scheduler.roster;

/** One person of the roster as a source (Keycloak, a CSV file) describes them. */
public record RosterEntry(String id, String username, String team, String timeZone, String channelType,
                          String channelAddress, boolean active) {
}
