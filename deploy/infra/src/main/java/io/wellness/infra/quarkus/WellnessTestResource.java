package io.wellness.infra.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.wellness.infra.PostgresServer;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a service under {@code @QuarkusTest} at the real servers of {@link TestInfrastructure}: its own
 * PostgreSQL database (init arg {@code database}), the Kafka broker and the Keycloak realm.
 * Use it once per module as a global resource:
 * {@code @QuarkusTestResource(value = WellnessTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"), restrictToAnnotatedClass = false)}.
 */
public class WellnessTestResource implements QuarkusTestResourceLifecycleManager {
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        TestInfrastructure.ensureStarted();
        Map<String, String> config = new HashMap<>();
        if (database != null) {
            PostgresServer.Database db = TestInfrastructure.database(database);
            config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
            config.put("quarkus.datasource.username", db.user());
            config.put("quarkus.datasource.password", db.password());
        }
        config.put("kafka.bootstrap.servers", TestInfrastructure.kafkaBootstrapServers());
        config.put("quarkus.oidc.auth-server-url", TestInfrastructure.issuer());
        config.put("wellness.test.keycloak-url", TestInfrastructure.keycloakUrl());
        return config;
    }

    @Override
    public void stop() {
        // the servers outlive one application start; TestInfrastructure stops them when the JVM exits
    }
}
