package io.wellness.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tuning of the catalog read model and its HTTP caching. */
@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    /** max-age of Cache-Control on catalog reads (the content changes rarely; ETags revalidate it). */
    @WithDefault("60s")
    Duration cacheMaxAge();

    /** How often an instance checks whether another instance changed the catalog. */
    @WithDefault("10s")
    Duration refreshInterval();

    /** Bound on distinct (language, filter, page) list responses kept pre-serialised per catalog version. */
    @WithDefault("2000")
    int listCacheEntries();
}
