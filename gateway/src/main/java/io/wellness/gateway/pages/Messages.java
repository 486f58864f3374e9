package io.wellness.gateway.pages;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Page texts in English; German in messages/msg_de.properties. Used in templates as {msg:key}. */
@MessageBundle(value = "msg", locale = "en")
public interface Messages {
    @Message("Microbreaks") String app_title();
    @Message("Skip to main content") String skip_link();
    @Message("Main navigation") String nav_label();
    @Message("My breaks") String nav_home();
    @Message("My team") String nav_team();
    @Message("HR dashboard") String nav_hr();
    @Message("Administration") String nav_admin();
    @Message("Sign out") String logout();
    @Message("Deutsch") String switch_language();
    @Message("Signed in as {name}") String signed_in_as(String name);
    @Message("Loading…") String loading();
    @Message("This information is not available right now. Please try again later.") String unavailable();

    @Message("Today's breaks") String breaks_title();
    @Message("No breaks yet today. New breaks appear here as soon as they are due.") String breaks_empty();
    @Message("Done") String done();
    @Message("Snooze") String snooze();
    @Message("Skip") String skip();
    @Message("Live updates are connected.") String live_on();
    @Message("Live updates are interrupted; reconnecting…") String live_off();

    @Message("My settings") String settings_title();
    @Message("Time zone") String tz();
    @Message("Break interval (minutes)") String interval();
    @Message("Channel") String channel();
    @Message("Web page") String channel_web();
    @Message("Chat") String channel_chat();
    @Message("Pause breaks until") String paused_until();
    @Message("Working hours") String working_hours();
    @Message("Ranges such as 09:00-12:00, 13:00-17:30; leave empty for a day off.") String working_hours_hint();
    @Message("Preferred position") String position();
    @Message("Any") String any();
    @Message("Sitting") String sitting();
    @Message("Standing") String standing();
    @Message("Focus regions (comma separated)") String regions();
    @Message("Exercises to avoid (ids, comma separated)") String avoid();
    @Message("Save settings") String save();
    @Message("Saved.") String saved();
    @Message("Monday") String day_monday();
    @Message("Tuesday") String day_tuesday();
    @Message("Wednesday") String day_wednesday();
    @Message("Thursday") String day_thursday();
    @Message("Friday") String day_friday();
    @Message("Saturday") String day_saturday();
    @Message("Sunday") String day_sunday();

    @Message("My stats") String stats_title();
    @Message("Done today") String stats_today();
    @Message("Done this week") String stats_week();
    @Message("Streak (days)") String stats_streak();
    @Message("My data") String data_title();
    @Message("Download my data (JSON)") String export();
    @Message("Delete my data") String delete_data();
    @Message("Delete all your break records? This cannot be undone.") String delete_confirm();
    @Message("Your data has been deleted.") String deleted();
    @Message("Safety guidance") String safety_title();

    @Message("Team participation") String team_title();
    @Message("Team") String team();
    @Message("Participation") String participation();
    @Message("Offered") String offered();
    @Message("Completed") String completed();
    @Message("Snoozed") String snoozed();
    @Message("Skipped") String skipped();
    @Message("Active participants") String active();
    @Message("suppressed (fewer than 5 people)") String suppressed();
    @Message("Period") String period();

    @Message("Company dashboard") String hr_title();
    @Message("Participation trend") String trend_title();
    @Message("Participation rate in percent per period") String trend_caption();
    @Message("Breaks done by hour of day") String heatmap_title();
    @Message("Hour") String hour();
    @Message("Teams") String teams_title();
    @Message("Download the company figures (CSV)") String csv_company();
    @Message("Download the team table (CSV)") String csv_teams();

    @Message("Exercise catalog") String catalog_title();
    @Message("Name") String name();
    @Message("Status") String status();
    @Message("Active") String status_active();
    @Message("Retired") String status_retired();
    @Message("Edit") String edit();
    @Message("Retire") String retire();
    @Message("Exercise (JSON, both languages)") String exercise_json();
    @Message("Create") String create();
    @Message("Replace") String replace();
    @Message("Company break policy (JSON)") String policy_title();
    @Message("Save policy") String save_policy();

    @Message("Access denied") String forbidden_title();
    @Message("This page needs the role {role}. Ask your administrator if you should have it.") String forbidden_text(String role);
    @Message("Back to my breaks") String back_home();
}
