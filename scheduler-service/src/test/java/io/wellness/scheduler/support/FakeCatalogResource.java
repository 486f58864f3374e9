package io.wellness.scheduler.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts {@link FakeCatalog} on a free port and points the catalog REST client at it. */
public class FakeCatalogResource implements QuarkusTestResourceLifecycleManager {
    private FakeCatalog catalog;

    @Override
    public Map<String, String> start() {
        try {
            catalog = new FakeCatalog();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.rest-client.catalog.url", catalog.url());
    }

    @Override
    public void stop() {
        if (catalog != null) {
            catalog.close();
        }
    }
}
