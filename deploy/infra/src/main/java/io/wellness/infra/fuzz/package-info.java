/**
 * A seeded fuzzer for the services' HTTP APIs, driven by each service's own OpenAPI document, so a new endpoint
 * is fuzzed without editing a test. For every operation it sends malformed, empty, huge and deeply nested bodies,
 * wrong types and missing fields, hostile strings (SQL, JSON, CRLF, path traversal, script, template) in every
 * field, parameter and several headers, unknown and other people's ids, wrong methods and media types, and
 * missing or bad tokens; and it checks that no answer is a 5xx, every refusal is an RFC 9457 problem document
 * with the expected status, no answer shows stack traces, class names, SQL or another person's data, and a
 * refused write leaves the data (a checksum the test supplies) unchanged.
 *
 * <pre>{@code
 * FuzzTarget.at("localhost", RestAssured.port)
 *         .operationsFromOpenApi()
 *         .only(op -> op.path().startsWith("/api/"))
 *         .pathValue("id", "standing-wall-twist")
 *         .snapshot(DataChecksum.ofTables(dataSource, "exercise"))
 *         .runAs("alice", Tokens.of("alice"))
 *         .assertClean();
 * }</pre>
 */
package io.wellness.infra.fuzz;
