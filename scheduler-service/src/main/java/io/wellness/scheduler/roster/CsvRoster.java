package io.wellness.scheduler.roster;

import io.wellness.scheduler.service.FieldErrors;
import io.wellness.scheduler.service.SettingsValidator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates a roster CSV (RFC 4180 quoting) with the header
 * {@code id,username,team,timezone,channel_type,channel_address[,active]}. Every line is checked; errors name the
 * line ({@code line 7: timezone ...}) so the whole file can be fixed in one go.
 */
public final class CsvRoster {
    public static final List<String> HEADER = List.of("id", "username", "team", "timezone", "channel_type", "channel_address");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern TEAM = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private CsvRoster() {
    }

    public static List<RosterEntry> parse(String csv, int maxRows, FieldErrors errors) {
        List<RosterEntry> entries = new ArrayList<>();
        String[] lines = csv == null ? new String[0] : csv.replace("\r\n", "\n").split("\n", -1);
        if (lines.length == 0 || lines[0].isBlank()) {
            errors.add("line 1", "a header line is required: " + String.join(",", HEADER) + "[,active]");
            return entries;
        }
        List<String> header = fields(lines[0].strip().toLowerCase(Locale.ROOT));
        // fields() answers null for broken quoting (an unterminated quote)
        boolean withActive = header != null && header.size() == HEADER.size() + 1 && "active".equals(header.getLast());
        if (header == null || !header.subList(0, Math.min(header.size(), HEADER.size())).equals(HEADER) || (header.size() != HEADER.size() && !withActive)) {
            errors.add("line 1", "the header must be " + String.join(",", HEADER) + "[,active]");
            return entries;
        }
        Set<String> ids = new HashSet<>();
        int rows = 0;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String line = "line " + (i + 1);
            if (++rows > maxRows) {
                errors.add(line, "at most " + maxRows + " rows per import");
                break;
            }
            List<String> f = fields(lines[i]);
            if (f == null || f.size() != header.size()) {
                errors.add(line, "expected " + header.size() + " fields");
                continue;
            }
            int before = errors.size();
            String id = f.get(0).strip();
            if (!ID.matcher(id).matches()) {
                errors.add(line, "id must be 1-64 characters of A-Z a-z 0-9 . _ @ -");
            } else if (!ids.add(id)) {
                errors.add(line, "id " + id + " appears twice in the file");
            }
            String username = f.get(1).strip();
            if (username.isEmpty() || username.length() > 255) {
                errors.add(line, "username must be 1-255 characters");
            }
            String team = f.get(2).strip();
            if (!team.isEmpty() && !TEAM.matcher(team).matches()) {
                errors.add(line, "team must be a lower-case name (a-z, 0-9, -)");
            }
            String zone = f.get(3).strip();
            if (SettingsValidator.zone(zone) == null) {
                errors.add(line, "timezone must be an IANA id such as Europe/Berlin");
            }
            String channelType = f.get(4).strip();
            String address = f.get(5).strip();
            FieldErrors channel = new FieldErrors();
            SettingsValidator.channel("channel", channelType, address.isEmpty() ? null : address, channel);
            if (!channel.isEmpty()) {
                errors.add(line, "channel_type must be one of " + SettingsValidator.CHANNEL_TYPES
                        + " and channel_address is required unless web (at most 255 characters)");
            }
            boolean active = true;
            if (withActive) {
                String value = f.get(6).strip().toLowerCase(Locale.ROOT);
                if (!value.equals("true") && !value.equals("false")) {
                    errors.add(line, "active must be true or false");
                }
                active = !value.equals("false");
            }
            if (errors.size() == before) {
                entries.add(new RosterEntry(id, username, team.isEmpty() ? null : team, zone, channelType,
                        address.isEmpty() ? null : address, active));
            }
        }
        return entries;
    }

    /** The fields of one CSV line, or null when its quoting is broken. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"' && current.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(current.toString());
        return fields;
    }
}
