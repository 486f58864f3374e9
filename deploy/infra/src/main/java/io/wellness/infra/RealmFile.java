package io.wellness.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds deploy/realm/wellness-realm.json: system property {@code wellness.realm.file}, or upwards from the working directory. */
public final class RealmFile {
    private RealmFile() {
    }

    public static Path locate() {
        String configured = System.getProperty("wellness.realm.file", System.getenv("WELLNESS_REALM_FILE"));
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/realm/wellness-realm.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("deploy/realm/wellness-realm.json not found above " + Path.of("").toAbsolutePath());
    }
}
