package io.wellness.gateway.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON the fake services serve to the pages: one break in the web inbox (its outcome recorded when posted), and
 * dashboards in the shape the pages read, with suppressed figures for the small design team.
 */
public final class FakeData {
    public static final String BREAK_ID = "5f0c2a4e-7d1b-4c55-9a7e-0d8a1c2b3e4f";
    private static final Pattern OUTCOME = Pattern.compile("\"outcome\"\\s*:\\s*\"(completed|snoozed|skipped)\"");
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();

    /** Today's inbox as scheduler-service's InboxResource answers it (a list of InboxEntry). */
    public String inbox() {
        String outcome = outcomes.get(BREAK_ID);
        String dueAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES).toString();
        return """
                [{"breakId":"%s","snoozeCount":0,"dueAt":"%s","timeZone":"Europe/Berlin","channel":"web",
                  "title":"Time for a 1-minute microbreak",
                  "exercises":[{"id":"neck-side-stretch","name":"Neck side stretch","durationSeconds":40,
                    "summary":"Gently stretch the side of your neck.",
                    "steps":["Sit tall.","Tilt your right ear towards your right shoulder.","Hold, then change sides."],
                    "dose":"Hold 15 seconds each side","cautions":[]}],
                  "outcome":%s,"updatedAt":"%s"}]
                """.formatted(BREAK_ID, dueAt, outcome == null ? "null" : "\"" + outcome + "\"", dueAt);
    }

    void recordOutcome(String breakId, String body) {
        Matcher m = OUTCOME.matcher(body);
        if (m.find()) {
            outcomes.put(breakId, m.group(1));
        }
    }

    // tracking-service's PersonalDataService.Stats, the scheduler's settings, catalog-service's SafetyView
    public static final String STATS = """
            {"timeZone":"Europe/Berlin","today":"2026-11-22","todayCounts":{"offered":3,"completed":2,"snoozed":1,"skipped":0},
             "weekStart":"2026-11-16","thisWeek":{"offered":21,"completed":15,"snoozed":4,"skipped":2},"streakDays":4,
             "streakMinCompleted":3,"favouriteExercises":{"neck-side-stretch":6}}
            """;

    public static final String SETTINGS = """
            {"timeZone":"Europe/Berlin","intervalMinutes":45,"channel":"web","pausedUntil":null,"position":"sitting",
             "focusRegions":["neck","shoulders"],"avoid":[],
             "workingHours":{"MONDAY":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:30"}],
                             "TUESDAY":[{"start":"09:00","end":"17:00"}],"WEDNESDAY":[{"start":"09:00","end":"17:00"}],
                             "THURSDAY":[{"start":"09:00","end":"17:00"}],"FRIDAY":[{"start":"09:00","end":"15:00"}]}}
            """;

    public static final String SAFETY = """
            {"language":"en","catalogVersion":"1","guidance":[
              {"id":"pain","text":"Stop if an exercise causes pain, numbness or tingling."},
              {"id":"gentle","text":"Move slowly and gently; never bounce into a stretch."}],"sources":[]}
            """;

    // the shapes of tracking-service's DashboardService.Dashboard and TeamsTable
    public static final String COMPANY_DASHBOARD = """
            {"scope":"company","team":null,"period":"week","from":"2026-10-05","to":"2026-11-16","minGroupSize":5,
             "privacyRule":"groups under 5 are suppressed",
             "series":[
               {"start":"2026-10-05","end":"2026-10-11","figures":{"offered":210,"completed":118,"snoozed":40,"skipped":52,"participationRate":0.562,"activeParticipants":14,"employees":17}},
               {"start":"2026-10-12","end":"2026-10-18","figures":{"offered":215,"completed":131,"snoozed":38,"skipped":46,"participationRate":0.609,"activeParticipants":15,"employees":17}},
               {"start":"2026-10-19","end":"2026-10-25","figures":{"offered":220,"completed":143,"snoozed":35,"skipped":42,"participationRate":0.65,"activeParticipants":15,"employees":17}},
               {"start":"2026-10-26","end":"2026-11-01","figures":{"suppressed":true}},
               {"start":"2026-11-02","end":"2026-11-08","figures":{"offered":218,"completed":150,"snoozed":30,"skipped":38,"participationRate":0.688,"activeParticipants":16,"employees":17}},
               {"start":"2026-11-09","end":"2026-11-15","figures":{"offered":222,"completed":160,"snoozed":28,"skipped":34,"participationRate":0.721,"activeParticipants":16,"employees":17}}],
             "heatMap":[
               {"hour":8,"figures":{"offered":60,"completed":40,"snoozed":10,"skipped":10,"participationRate":0.667}},
               {"hour":9,"figures":{"offered":130,"completed":95,"snoozed":20,"skipped":15,"participationRate":0.731}},
               {"hour":10,"figures":{"offered":160,"completed":120,"snoozed":20,"skipped":20,"participationRate":0.75}},
               {"hour":11,"figures":{"offered":150,"completed":110,"snoozed":20,"skipped":20,"participationRate":0.733}},
               {"hour":12,"figures":{"offered":70,"completed":35,"snoozed":15,"skipped":20,"participationRate":0.5}},
               {"hour":13,"figures":{"offered":120,"completed":80,"snoozed":20,"skipped":20,"participationRate":0.667}},
               {"hour":14,"figures":{"offered":150,"completed":115,"snoozed":15,"skipped":20,"participationRate":0.767}},
               {"hour":15,"figures":{"offered":140,"completed":100,"snoozed":20,"skipped":20,"participationRate":0.714}},
               {"hour":16,"figures":{"offered":100,"completed":60,"snoozed":20,"skipped":20,"participationRate":0.6}},
               {"hour":17,"figures":{"suppressed":true}}],
             "topExercises":[{"exerciseId":"neck-side-stretch","completed":120}]}
            """;

    public static final String TEAMS_TABLE = """
            {"period":"week","from":"2026-11-09","to":"2026-11-16","minGroupSize":5,"privacyRule":"groups under 5 are suppressed",
             "teams":[
               {"team":"design","series":[{"start":"2026-11-09","end":"2026-11-15","figures":{"suppressed":true}}]},
               {"team":"engineering","series":[{"start":"2026-11-09","end":"2026-11-15","figures":{"offered":110,"completed":80,"snoozed":12,"skipped":18,"participationRate":0.727,"activeParticipants":7,"employees":7}}]},
               {"team":"sales","series":[{"start":"2026-11-09","end":"2026-11-15","figures":{"offered":90,"completed":60,"snoozed":14,"skipped":16,"participationRate":0.667,"activeParticipants":5,"employees":5}}]}]}
            """;

    public static final String TEAM_DASHBOARD = """
            {"scope":"team","team":"engineering","period":"week","from":"2026-11-02","to":"2026-11-09","minGroupSize":5,
             "privacyRule":"groups under 5 are suppressed",
             "series":[
               {"start":"2026-11-02","end":"2026-11-08","figures":{"offered":105,"completed":70,"snoozed":15,"skipped":20,"participationRate":0.667,"activeParticipants":7,"employees":7}},
               {"start":"2026-11-09","end":"2026-11-15","figures":{"offered":110,"completed":80,"snoozed":12,"skipped":18,"participationRate":0.727,"activeParticipants":7,"employees":7}}],
             "heatMap":[],"topExercises":[]}
            """;
}
