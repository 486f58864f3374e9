package io.wellness.catalog.fuzz;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.wellness.infra.fuzz.DataChecksum;
import io.wellness.infra.fuzz.FuzzTarget;
import io.wellness.infra.quarkus.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the catalog's OpenAPI document, fuzzed as an employee and as an admin: malformed and huge
 * bodies, wrong types, hostile strings in every field and parameter, unknown ids, wrong methods and media types.
 * No answer is a 5xx, every refusal is a problem document, and no refused request changes the catalog.
 */
@QuarkusTest
class CatalogFuzzTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void hostileRequestsAreRefusedCleanlyAndChangeNothing() {
        FuzzTarget target = FuzzTarget.at("localhost", RestAssured.port)
                .operationsFromOpenApi()
                .only(op -> op.path().startsWith("/api/"))
                .pathValue("id", "standing-wall-twist")
                // a plan is computed, not stored: hostile but well-formed plan requests may be answered
                .acceptWrites(op -> op.path().equals("/api/catalog/plans"))
                .snapshot(DataChecksum.ofTables(dataSource, "exercise", "safety_guidance", "catalog_source", "catalog_state"));

        target.runAs("alice (employee)", Tokens.of("alice"))
                .and(target.runAs("adam (admin)", Tokens.of("adam")))
                .assertClean();
    }
}
