package io.wellness.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey through the whole platform, every step as its real actor does it: an administrator adds a newcomer
 * in Keycloak; the scheduler syncs the roster; the newcomer's break becomes due and arrives as a Slack direct
 * message; the newcomer clicks Done (a request signed as Slack signs it, through the gateway's public callback
 * route); tracking records it; and HR, with a real token through the gateway, sees it in the team's figures while
 * the three-person team stays suppressed.
 */
@ExtendWith(SharedPlatform.class)
class JourneyIT {
    private static final String NEWCOMER = "nora";
    private static final String NEWCOMER_CHAT = "U0NORA001";
    private static final Map<String, Integer> TEAM_SIZES = Map.of("engineering", 8, "sales", 5, "design", 3);

    @Test
    void newcomerGetsABreakInSlackClicksDoneAndHrSeesItInTheTeamFigures(SharedPlatform.Running platform) {
        Platform api = platform.api();
        FakeSlack slack = platform.slack();
        try (TopicWatch topics = new TopicWatch(platform.stack().kafkaBootstrap())) {
            Instant now = Instant.now();
            ZoneId zone = NearTermBreaks.zoneAwayFromMidnight(now);

            // 1. HR's new hire, added by an administrator in Keycloak (team engineering, Slack user id, time zone)
            String newcomer = api.createEmployee(NEWCOMER, "engineering", zone.getId(), NEWCOMER_CHAT);
            assertThat(api.get("adam", "/api/scheduler/employees/" + newcomer + "/settings").status())
                    .as("unknown to the scheduler before the sync").isEqualTo(404);

            // 2. on-demand roster sync (admin, through the gateway)
            JsonNode summary = api.post("adam", "/api/scheduler/roster/sync", "application/json", "").expect(200).json();
            assertThat(summary.path("active").asInt()).as("sync summary " + summary).isGreaterThanOrEqualTo(18);
            JsonNode synced = api.get("adam", "/api/scheduler/employees/" + newcomer + "/settings").expect(200).json();
            assertThat(synced.path("timeZone").asText()).isEqualTo(zone.getId());

            // 3. everyone in a team gets one break in the next minute or two (Slack DM); everyone else opts out
            Map<String, String> teamOf = new HashMap<>();
            for (String team : TEAM_SIZES.keySet()) {
                api.teamMembers(team).forEach(id -> teamOf.put(id, team));
            }
            Map<String, String> chatIdOf = new HashMap<>();
            Instant notBefore = Instant.now().plusSeconds(40);
            Map<String, Instant> expectedDue = new HashMap<>();
            for (JsonNode user : api.realmUsers()) {
                String id = user.path("id").asText();
                String path = "/api/scheduler/employees/" + id + "/settings";
                if (teamOf.containsKey(id)) {
                    String chatId = user.path("attributes").path("chatId").path(0).asText();
                    chatIdOf.put(id, chatId);
                    Instant start = NearTermBreaks.rangeStartFor(id, notBefore);
                    expectedDue.put(id, NearTermBreaks.firstBreak(id, start));
                    api.put("adam", path, NearTermBreaks.settings(start, zone, chatId)).expect(200);
                } else {
                    api.put("adam", path, NearTermBreaks.optedOut()).expect(200);
                }
            }
            assertThat(teamOf).hasSize(TEAM_SIZES.values().stream().mapToInt(Integer::intValue).sum());
            assertThat(teamOf.get(newcomer)).isEqualTo("engineering");

            // 4. each break is due once, at the instant the schedule rules give, and reaches Slack once
            Await.until("every team member's break on microbreaks.due", Duration.ofSeconds(180),
                    () -> expectedDue.keySet().stream().allMatch(id -> !topics.dueFor(id).isEmpty()),
                    () -> "seen for " + expectedDue.keySet().stream().filter(id -> !topics.dueFor(id).isEmpty()).count()
                            + " of " + expectedDue.size());
            Map<String, TopicWatch.Due> dueOf = new HashMap<>();
            for (String id : expectedDue.keySet()) {
                List<TopicWatch.Due> breaks = topics.dueFor(id);
                assertThat(breaks).as("breaks of " + id).hasSize(1);
                TopicWatch.Due due = breaks.getFirst();
                assertThat(due.dueAt()).as("due time of " + id).isEqualTo(expectedDue.get(id));
                assertThat(due.team()).isEqualTo(teamOf.get(id));
                assertThat(due.channelType()).isEqualTo("slack");
                assertThat(due.channelAddress()).isEqualTo(chatIdOf.get(id));
                dueOf.put(id, due);
            }
            Await.until("every break as a Slack DM", Duration.ofSeconds(60),
                    () -> dueOf.values().stream().allMatch(d -> slack.messageFor(d.breakId()).isPresent()));
            TopicWatch.Due nora = dueOf.get(newcomer);
            FakeSlack.Message dm = slack.messageFor(nora.breakId()).orElseThrow();
            assertThat(dm.channel()).isEqualTo(NEWCOMER_CHAT);
            assertThat(dm.actionIds()).containsExactly("break_completed", "break_snoozed", "break_skipped");
            assertThat(slack.badTokens()).as("chat.postMessage calls with a wrong bot token").isZero();
            SystemStack.sleep(Duration.ofSeconds(2));
            for (TopicWatch.Due due : dueOf.values()) {
                assertThat(slack.messagesByBreak().get(due.breakId())).as("DMs of break " + due.breakId()).hasSize(1);
            }

            // 5. Done, signed as Slack signs it, through the gateway's public callback route; a forged copy is refused
            String responseUrl = slack.responseUrlPrefix() + "nora-1";
            String value = nora.breakId() + ":0";
            Platform.Answer forged = api.slackClickWithSignature(NEWCOMER_CHAT, "break_completed", value, responseUrl,
                    "v0=" + "0".repeat(64));
            assertThat(forged.status()).as("forged signature: " + forged.body()).isEqualTo(401);
            assertThat(api.slackClick(NEWCOMER_CHAT, "break_completed", value, responseUrl).status()).isEqualTo(200);
            Await.until("one completed outcome for the newcomer's break", Duration.ofSeconds(30),
                    () -> topics.outcomes().containsKey(nora.breakId()));
            Await.until("the Slack message updated through response_url", Duration.ofSeconds(30),
                    () -> slack.updates().stream().anyMatch(u -> u.path().endsWith("/nora-1")));
            SystemStack.sleep(Duration.ofSeconds(2));
            assertThat(topics.outcomes().get(nora.breakId())).singleElement()
                    .satisfies(o -> assertThat(o.outcome()).isEqualTo("completed"));
            assertThat(topics.outcomes().keySet()).as("outcomes of the journey's breaks")
                    .filteredOn(id -> dueOf.values().stream().anyMatch(d -> d.breakId().equals(id)))
                    .containsExactly(nora.breakId());
            FakeSlack.Update update = slack.updates().stream().filter(u -> u.path().endsWith("/nora-1")).findFirst().orElseThrow();
            assertThat(update.body().path("replace_original").asBoolean()).isTrue();
            assertThat(update.body().toString()).doesNotContain("\"actions\"");

            // 6. HR's dashboard through the gateway: engineering counts the break; small teams stay hidden
            LocalDate day = nora.dueAt().atZone(zone).toLocalDate();
            String query = "?period=day&from=" + day + "&to=" + day;
            Await.until("engineering's figures to count the 8 offers and the completed break", Duration.ofSeconds(60),
                    () -> {
                        JsonNode figures = dayFigures(api, "engineering", query);
                        return figures.path("offered").asInt() == 8 && figures.path("completed").asInt() == 1;
                    }, () -> dayFigures(api, "engineering", query).toString());
            JsonNode engineering = dayFigures(api, "engineering", query);
            assertThat(engineering.path("suppressed").isMissingNode()).isTrue();
            assertThat(engineering.path("offered").asInt()).isEqualTo(8);
            assertThat(engineering.path("completed").asInt()).isEqualTo(1);
            assertThat(engineering.path("snoozed").asInt()).isZero();
            assertThat(engineering.path("skipped").asInt()).isZero();
            assertThat(engineering.path("employees").asInt()).isEqualTo(8);
            assertThat(engineering.path("activeParticipants").asInt()).isEqualTo(1);
            assertThat(engineering.path("participationRate").asDouble()).isEqualTo(0.125);

            JsonNode design = dayFigures(api, "design", query);
            assertThat(design.path("suppressed").asBoolean()).as("design (3 people): " + design).isTrue();
            assertThat(design.has("offered")).isFalse();
            // design's 3 alone are fewer than 5, so the smallest released team (sales) is suppressed as its complement
            JsonNode sales = dayFigures(api, "sales", query);
            assertThat(sales.path("suppressed").asBoolean()).as("sales (complement of design): " + sales).isTrue();

            assertThat(api.get("alice", "/api/tracking/dashboards/teams/engineering" + query).status())
                    .as("an employee reads no dashboard").isEqualTo(403);
            assertThat(api.get("logan", "/api/tracking/dashboards/teams/engineering" + query).status())
                    .as("sales' team lead reads no engineering dashboard").isEqualTo(403);
        }
    }

    private static JsonNode dayFigures(Platform api, String team, String query) {
        JsonNode dashboard = api.get("harriet", "/api/tracking/dashboards/teams/" + team + query).expect(200).json();
        JsonNode series = dashboard.path("series");
        assertThat(series).as("one day in " + dashboard).hasSize(1);
        return series.get(0).path("figures");
    }
}
