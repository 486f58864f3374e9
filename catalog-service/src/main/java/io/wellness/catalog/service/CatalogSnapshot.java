package io.wellness.catalog.service;

import io.wellness.catalog.domain.Exercise;
import io.wellness.catalog.domain.LocalisedText;
import io.wellness.catalog.domain.SafetyItem;
import io.wellness.catalog.domain.Source;
import io.wellness.catalog.domain.Vocabulary;
import io.wellness.catalog.mapping.CatalogJson;
import io.wellness.catalog.rest.api.CatalogVersionView;
import io.wellness.catalog.rest.api.ExercisePage;
import io.wellness.catalog.rest.api.ExerciseView;
import io.wellness.catalog.rest.api.SafetyView;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One immutable version of the catalog with everything a read needs already computed: localised views and their
 * bytes, entity tags, the version. List pages are serialised on first request and kept until the catalog changes.
 */
public final class CatalogSnapshot {
    private static final String LIST_PATH = "/api/catalog/exercises";

    private final long revision;
    private final String sha256;
    private final String version;
    private final long versionHash;
    private final List<Exercise> exercises;
    private final List<Exercise> active;
    private final Map<String, Exercise> byId;
    private final Map<String, Source> sources;
    private final Map<String, Map<String, ExerciseView>> views = new HashMap<>();
    private final Map<String, Map<String, CachedBody>> exerciseBodies = new HashMap<>();
    private final Map<String, Map<String, String>> searchText = new HashMap<>();
    private final Map<String, CachedBody> safetyBodies = new HashMap<>();
    private final CachedBody versionBody;
    private final Map<String, CachedBody> listBodies = new ConcurrentHashMap<>();
    private final int listCacheEntries;

    public CatalogSnapshot(long revision, List<Exercise> exercises, List<Source> sourceList, List<SafetyItem> safety,
                           int listCacheEntries) {
        this.revision = revision;
        this.listCacheEntries = listCacheEntries;
        this.exercises = exercises.stream().sorted(Comparator.comparing(Exercise::id)).toList();
        this.active = this.exercises.stream().filter(e -> !e.retired()).toList();
        Map<String, Exercise> index = new LinkedHashMap<>();
        this.exercises.forEach(e -> index.put(e.id(), e));
        this.byId = Map.copyOf(index);
        Map<String, Source> sourceIndex = new LinkedHashMap<>();
        sourceList.forEach(s -> sourceIndex.put(s.id(), s));
        this.sources = Map.copyOf(sourceIndex);

        byte[] digest = sha256(CatalogJson.bytes(Map.of("exercises", this.exercises, "sources", sourceList, "safety", safety)));
        this.sha256 = HexFormat.of().formatHex(digest);
        this.version = revision + "-" + sha256.substring(0, 12);
        this.versionHash = ByteBuffer.wrap(digest).getLong() ^ revision;

        for (String language : Vocabulary.LANGUAGES) {
            Map<String, ExerciseView> localised = new LinkedHashMap<>();
            Map<String, CachedBody> bodies = new HashMap<>();
            Map<String, String> searchable = new HashMap<>();
            for (Exercise exercise : this.exercises) {
                ExerciseView view = view(exercise, language);
                localised.put(exercise.id(), view);
                byte[] json = CatalogJson.bytes(view);
                bodies.put(exercise.id(), new CachedBody(json, exerciseTag(exercise, language, json), null, 1));
                LocalisedText text = exercise.text(language);
                searchable.put(exercise.id(), (text.name() + "\n" + text.summary() + "\n" + String.join("\n", text.steps()))
                        .toLowerCase(Locale.ROOT));
            }
            views.put(language, localised);
            exerciseBodies.put(language, bodies);
            searchText.put(language, searchable);
            List<SafetyView.Guidance> guidance = safety.stream()
                    .map(item -> new SafetyView.Guidance(item.id(), item.text().getOrDefault(language,
                            item.text().get(Vocabulary.DEFAULT_LANGUAGE))))
                    .toList();
            List<ExerciseView.SourceView> sourceViews = sourceList.stream().map(CatalogSnapshot::sourceView).toList();
            byte[] safetyJson = CatalogJson.bytes(new SafetyView(language, version, guidance, sourceViews));
            safetyBodies.put(language, new CachedBody(safetyJson, "\"safety-" + version + "-" + language + "\"", null, guidance.size()));
        }
        byte[] versionJson = CatalogJson.bytes(new CatalogVersionView(version, revision, sha256, this.exercises.size(), active.size()));
        this.versionBody = new CachedBody(versionJson, "\"" + version + "\"", null, 1);
    }

    public long revision() {
        return revision;
    }

    public String version() {
        return version;
    }

    /** A number that changes with the catalog version; mixed into plan seeds. */
    public long versionHash() {
        return versionHash;
    }

    public List<Exercise> exercises() {
        return exercises;
    }

    /** Exercises that may be planned (not retired), ordered by id. */
    public List<Exercise> active() {
        return active;
    }

    public Exercise exercise(String id) {
        return byId.get(id);
    }

    public boolean hasSource(String id) {
        return sources.containsKey(id);
    }

    public CachedBody exerciseBody(String id, String language) {
        return exerciseBodies.get(language).get(id);
    }

    public CachedBody safetyBody(String language) {
        return safetyBodies.get(language);
    }

    public CachedBody versionBody() {
        return versionBody;
    }

    /** A list page, serialised on first use; at most {@code listCacheEntries} are kept per catalog version. */
    public CachedBody listBody(ExerciseQuery query, String language) {
        String key = language + "|" + query.filterQueryString() + "|" + query.page() + "|" + query.size();
        CachedBody cached = listBodies.get(key);
        if (cached != null) {
            return cached;
        }
        CachedBody body = renderList(query, language);
        if (listBodies.size() < listCacheEntries) {
            listBodies.putIfAbsent(key, body);
        }
        return body;
    }

    private CachedBody renderList(ExerciseQuery query, String language) {
        List<ExerciseView> matching = new ArrayList<>();
        Map<String, ExerciseView> localised = views.get(language);
        for (Exercise exercise : exercises) {
            if (matches(exercise, query, language)) {
                matching.add(localised.get(exercise.id()));
            }
        }
        int total = matching.size();
        int totalPages = (total + query.size() - 1) / query.size();
        int from = Math.min(query.page() * query.size(), total);
        int to = Math.min(from + query.size(), total);
        ExercisePage page = new ExercisePage(query.page(), query.size(), total, totalPages, language, version,
                List.copyOf(matching.subList(from, to)));
        byte[] json = CatalogJson.bytes(page);
        String etag = "\"list-" + version + "-" + language + "-" + HexFormat.of().formatHex(sha256(json), 0, 8) + "\"";
        return new CachedBody(json, etag, links(query, totalPages), total);
    }

    private boolean matches(Exercise exercise, ExerciseQuery query, String language) {
        if (exercise.retired() && !query.includeRetired()) {
            return false;
        }
        if (!query.regions().isEmpty() && exercise.regions().stream().noneMatch(query.regions()::contains)) {
            return false;
        }
        if (!query.positions().isEmpty() && !query.positions().contains(exercise.position())) {
            return false;
        }
        if (query.equipment() != null && !query.equipment().containsAll(exercise.equipment())) {
            return false;
        }
        if (!query.settings().isEmpty() && !query.settings().contains(exercise.setting())) {
            return false;
        }
        if (!query.kinds().isEmpty() && !query.kinds().contains(exercise.kind())) {
            return false;
        }
        if (query.maxDuration() != null && exercise.durationSeconds() > query.maxDuration()) {
            return false;
        }
        return query.text() == null || searchText.get(language).get(exercise.id()).contains(query.text().toLowerCase(Locale.ROOT));
    }

    private static String links(ExerciseQuery query, int totalPages) {
        String filters = query.filterQueryString();
        String base = LIST_PATH + "?" + (filters.isEmpty() ? "" : filters + "&") + "size=" + query.size() + "&page=";
        List<String> links = new ArrayList<>();
        int last = Math.max(totalPages - 1, 0);
        links.add("<" + base + 0 + ">; rel=\"first\"");
        if (query.page() > 0) {
            links.add("<" + base + Math.min(query.page() - 1, last) + ">; rel=\"prev\"");
        }
        if (query.page() < last) {
            links.add("<" + base + (query.page() + 1) + ">; rel=\"next\"");
        }
        links.add("<" + base + last + ">; rel=\"last\"");
        return String.join(", ", links);
    }

    private ExerciseView view(Exercise exercise, String language) {
        LocalisedText text = exercise.text(language);
        Source source = exercise.sourceId() == null ? null : sources.get(exercise.sourceId());
        ExerciseView.ProgressionView progression = exercise.progression() == null && text.progression() == null ? null
                : new ExerciseView.ProgressionView(exercise.progression() == null ? null : exercise.progression().firstTimeHoldSeconds(),
                text.progression());
        return new ExerciseView(exercise.id(), language, text.name(), text.summary(), text.steps(), exercise.regions(),
                exercise.position(), exercise.equipment(), exercise.setting(), exercise.kind(), exercise.intensity(),
                exercise.durationSeconds(), exercise.dose(), DoseText.of(exercise.dose(), exercise.durationSeconds(), language),
                progression, text.cautions(), source == null ? null : sourceView(source), exercise.retired(), exercise.version());
    }

    private static ExerciseView.SourceView sourceView(Source source) {
        return new ExerciseView.SourceView(source.id(), source.title(), source.publisher(), source.seedFile());
    }

    /** Strong tag of one exercise in one language: "<id>-v<row version>-<language>-<content digest>". */
    private static String exerciseTag(Exercise exercise, String language, byte[] json) {
        return "\"" + exercise.id() + "-v" + exercise.version() + "-" + language + "-" + HexFormat.of().formatHex(sha256(json), 0, 6) + "\"";
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
