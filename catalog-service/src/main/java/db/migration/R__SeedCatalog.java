package db.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads {@code catalog/exercises.json} (the versioned seed written from the articles in shared/seeds) into the
 * catalog tables. Flyway runs it in one transaction, and again whenever the file changes: its checksum is derived
 * from the file's SHA-256. Every load bumps the catalog revision. Rows an admin has edited are left alone.
 */
public class R__SeedCatalog extends BaseJavaMigration {
    static final String SEED = "catalog/exercises.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer getChecksum() {
        return ByteBuffer.wrap(sha256(seedBytes())).getInt();
    }

    @Override
    public String getDescription() {
        return "Seed catalog from " + SEED;
    }

    @Override
    public void migrate(Context context) throws Exception {
        byte[] bytes = seedBytes();
        JsonNode seed = JSON.readTree(bytes);
        Connection db = context.getConnection();
        upsertSources(db, seed.path("sources"));
        replaceSafetyGuidance(db, seed.path("safety"));
        List<String> ids = upsertExercises(db, seed.path("exercises"));
        try (PreparedStatement retire = db.prepareStatement(
                "update exercise set retired = true, retired_at = now(), version = version + 1, updated_at = now() "
                        + "where origin = 'seed' and not retired and not (id = any (?))")) {
            retire.setArray(1, db.createArrayOf("varchar", ids.toArray()));
            retire.executeUpdate();
        }
        try (PreparedStatement state = db.prepareStatement(
                "update catalog_state set revision = revision + 1, seed_revision = ?, seed_sha256 = ?, updated_at = now() where id = 1")) {
            state.setInt(1, seed.path("contentRevision").asInt());
            state.setString(2, HexFormat.of().formatHex(sha256(bytes)));
            state.executeUpdate();
        }
    }

    private static void upsertSources(Connection db, JsonNode sources) throws SQLException {
        try (PreparedStatement upsert = db.prepareStatement(
                "insert into catalog_source (id, title, seed_file, publisher, url) values (?, ?, ?, ?, ?) "
                        + "on conflict (id) do update set title = excluded.title, seed_file = excluded.seed_file, "
                        + "publisher = excluded.publisher, url = excluded.url")) {
            for (JsonNode source : sources) {
                upsert.setString(1, source.path("id").asText());
                upsert.setString(2, source.path("title").asText());
                upsert.setString(3, textOrNull(source.path("seedFile")));
                upsert.setString(4, textOrNull(source.path("publisher")));
                upsert.setString(5, textOrNull(source.path("url")));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static void replaceSafetyGuidance(Connection db, JsonNode safety) throws SQLException, IOException {
        try (PreparedStatement delete = db.prepareStatement("delete from safety_guidance")) {
            delete.executeUpdate();
        }
        // the seed lists guidance per language; the table holds one row per guidance item with all its languages
        List<String> order = new ArrayList<>();
        java.util.Map<String, com.fasterxml.jackson.databind.node.ObjectNode> texts = new java.util.LinkedHashMap<>();
        safety.fields().forEachRemaining(language -> {
            for (JsonNode item : language.getValue()) {
                String id = item.path("id").asText();
                if (!texts.containsKey(id)) {
                    order.add(id);
                    texts.put(id, JSON.createObjectNode());
                }
                texts.get(id).put(language.getKey(), item.path("text").asText());
            }
        });
        try (PreparedStatement insert = db.prepareStatement(
                "insert into safety_guidance (id, ordinal, text) values (?, ?, ?::jsonb)")) {
            for (int i = 0; i < order.size(); i++) {
                insert.setString(1, order.get(i));
                insert.setInt(2, i);
                insert.setString(3, JSON.writeValueAsString(texts.get(order.get(i))));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<String> upsertExercises(Connection db, JsonNode exercises) throws SQLException, IOException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement upsert = db.prepareStatement("""
                insert into exercise (id, source_id, position, setting, kind, intensity, duration_seconds, regions,
                                      equipment, dose, progression, text, retired, origin, version, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, false, 'seed', 0, now())
                on conflict (id) do update set source_id = excluded.source_id, position = excluded.position,
                    setting = excluded.setting, kind = excluded.kind, intensity = excluded.intensity,
                    duration_seconds = excluded.duration_seconds, regions = excluded.regions,
                    equipment = excluded.equipment, dose = excluded.dose, progression = excluded.progression,
                    text = excluded.text, retired = false, retired_at = null, version = exercise.version + 1,
                    updated_at = now()
                where exercise.origin = 'seed'
                """)) {
            for (JsonNode exercise : exercises) {
                String id = exercise.path("id").asText();
                ids.add(id);
                upsert.setString(1, id);
                upsert.setString(2, textOrNull(exercise.path("source")));
                upsert.setString(3, exercise.path("position").asText());
                upsert.setString(4, exercise.path("setting").asText());
                upsert.setString(5, exercise.path("kind").asText());
                upsert.setString(6, exercise.path("intensity").asText());
                upsert.setInt(7, exercise.path("durationSeconds").asInt());
                upsert.setString(8, JSON.writeValueAsString(exercise.path("regions")));
                upsert.setString(9, JSON.writeValueAsString(exercise.path("equipment")));
                upsert.setString(10, JSON.writeValueAsString(exercise.path("dose")));
                JsonNode progression = exercise.path("progression");
                upsert.setString(11, progression.isMissingNode() || progression.isNull() ? null : JSON.writeValueAsString(progression));
                upsert.setString(12, JSON.writeValueAsString(exercise.path("text")));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        return ids;
    }

    private static String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static byte[] seedBytes() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SEED)) {
            if (in == null) {
                throw new IllegalStateException(SEED + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
