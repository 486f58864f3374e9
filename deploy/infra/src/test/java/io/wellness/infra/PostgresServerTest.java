package io.wellness.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresServerTest {

    @Test
    void runsARealServerWithOneIsolatedDatabasePerService(@TempDir Path dir) throws Exception {
        int port = Ports.freePort();
        try (PostgresServer server = PostgresServer.startEmbedded(port, dir.resolve("pg"), true)) {
            PostgresServer.Database catalog = server.ensureDatabase("catalog", "catalog", "catalog-pw");
            PostgresServer.Database tracking = server.ensureDatabase("tracking", "tracking", "tracking-pw");
            // idempotent: a second start of the stack finds them in place
            assertThat(server.ensureDatabase("catalog", "catalog", "catalog-pw")).isEqualTo(catalog);

            try (Connection c = DriverManager.getConnection(catalog.jdbcUrl(), catalog.user(), catalog.password());
                 ResultSet rs = c.createStatement().executeQuery("select current_database(), version()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("catalog");
                assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
            }
            // database per service: the catalog role cannot open the tracking database
            assertThatThrownBy(() -> DriverManager.getConnection(tracking.jdbcUrl(), catalog.user(), catalog.password()).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
        assertThat(Ports.isListening(port)).as("stopped server releases its port").isFalse();
    }

    @Test
    void rejectsIdentifiersThatWouldBreakOutOfSql(@TempDir Path dir) {
        try (PostgresServer server = PostgresServer.startEmbedded(Ports.freePort(), dir.resolve("pg"), true)) {
            assertThatThrownBy(() -> server.ensureDatabase("x; drop database postgres", "x", "y"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void usesAnExistingServerWhenConfigured(@TempDir Path dir) throws Exception {
        try (PostgresServer embedded = PostgresServer.startEmbedded(Ports.freePort(), dir.resolve("pg"), true)) {
            PostgresServer external = PostgresServer.useExternal(
                    new PostgresServer.External(embedded.jdbcUrl("postgres"), "postgres", "postgres"));
            assertThat(external.isEmbedded()).isFalse();
            PostgresServer.Database db = external.ensureDatabase("scheduler", "scheduler", "pw");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "scheduler", "pw")) {
                assertThat(c.isValid(2)).isTrue();
            }
            external.close(); // does not stop a server it did not start
            assertThat(Ports.isListening(embedded.port())).isTrue();
        }
    }

    @Test
    void reportsAnUnreachableExistingServerClearly() {
        int closed = Ports.freePort();
        assertThatThrownBy(() -> PostgresServer.useExternal(
                new PostgresServer.External("jdbc:postgresql://localhost:" + closed + "/postgres", "u", "p")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not reachable");
    }
}
