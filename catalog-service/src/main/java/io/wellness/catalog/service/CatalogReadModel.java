package io.wellness.catalog.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wellness.catalog.config.CatalogConfig;
import io.wellness.catalog.domain.Exercise;
import io.wellness.catalog.domain.SafetyItem;
import io.wellness.catalog.domain.Source;
import io.wellness.catalog.mapping.CatalogJson;
import io.wellness.catalog.mapping.ExerciseMapper;
import io.wellness.catalog.repository.CatalogStateEntity;
import io.wellness.catalog.repository.ExerciseEntity;
import io.wellness.catalog.repository.SafetyGuidanceEntity;
import io.wellness.catalog.repository.SourceEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory catalog every read is answered from. It is rebuilt from PostgreSQL at start, after every change
 * made through this instance, and when another instance bumped the revision (checked every refresh interval).
 */
@ApplicationScoped
public class CatalogReadModel {
    private static final TypeReference<Map<String, String>> TEXT_BY_LANGUAGE = new TypeReference<>() {
    };

    @Inject
    CatalogConfig config;

    private volatile CatalogSnapshot snapshot;
    private ScheduledExecutorService poller;

    void onStart(@Observes StartupEvent event) {
        refresh();
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("catalog-refresh").factory());
        long interval = config.refreshInterval().toMillis();
        poller.scheduleWithFixedDelay(this::refreshIfChanged, interval, interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    public CatalogSnapshot current() {
        return snapshot;
    }

    /** Reloads everything in one read-only transaction and swaps the snapshot atomically. */
    public synchronized CatalogSnapshot refresh() {
        CatalogSnapshot loaded = QuarkusTransaction.requiringNew().call(() -> {
            long revision = CatalogStateEntity.currentRevision();
            List<Exercise> exercises = ExerciseEntity.<ExerciseEntity>listAll().stream().map(ExerciseMapper::toDomain).toList();
            List<Source> sources = SourceEntity.<SourceEntity>listAll().stream()
                    .map(s -> new Source(s.id, s.title, s.seedFile, s.publisher, s.url)).toList();
            List<SafetyItem> safety = SafetyGuidanceEntity.<SafetyGuidanceEntity>list("order by ordinal").stream()
                    .map(s -> new SafetyItem(s.id, Map.copyOf(CatalogJson.read(s.text, TEXT_BY_LANGUAGE)))).toList();
            return new CatalogSnapshot(revision, exercises, sources, safety, config.listCacheEntries());
        });
        snapshot = loaded;
        Log.infof("catalog version %s loaded: %d exercises (%d active)", loaded.version(), loaded.exercises().size(),
                loaded.active().size());
        return loaded;
    }

    private void refreshIfChanged() {
        try {
            long revision = QuarkusTransaction.requiringNew().call(CatalogStateEntity::currentRevision);
            if (revision != snapshot.revision()) {
                refresh();
            }
        } catch (RuntimeException e) {
            Log.warnf(e, "could not check the catalog revision; serving version %s", snapshot.version());
        }
    }
}
