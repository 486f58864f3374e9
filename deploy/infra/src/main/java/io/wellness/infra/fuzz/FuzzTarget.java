package io.wellness.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What to fuzz and what the fuzzer may know: the service's operations, known-good path and query values, ids that
 * belong to other people (to be refused), strings that must never reach this caller (another person's data), which
 * writes may be accepted (data the test owns), and a snapshot of the data refused requests must leave alone.
 */
public final class FuzzTarget {
    private final String host;
    private final int port;
    private final List<ApiOperation> operations = new ArrayList<>();
    private Predicate<ApiOperation> include = op -> true;
    private Predicate<ApiOperation> acceptWrites = op -> false;
    private final Map<String, String> pathValues = new HashMap<>();
    private final Map<String, String> queryValues = new HashMap<>();
    private final Map<String, List<String>> foreignValues = new HashMap<>();
    private final Map<String, JsonNode> bodies = new HashMap<>();
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    private final Set<String> openKeys = new LinkedHashSet<>();
    private Supplier<String> snapshot = () -> "";
    private int maxCasesPerOperation = 40;
    private long seed = 20261122L;
    private int timeoutMillis = 15_000;
    private boolean passThrough;
    private Predicate<ApiOperation> publicRoute = op -> false;
    private Predicate<ApiOperation> largeBodyRoute = op -> false;
    private long largeBodyLimit;

    private FuzzTarget(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public static FuzzTarget at(String host, int port) {
        return new FuzzTarget(host, port);
    }

    /** Adds every operation of the service's own OpenAPI document ({@code GET /q/openapi?format=json}). */
    public FuzzTarget operationsFromOpenApi() {
        try {
            Answer answer = http().send("GET", "/q/openapi?format=json", Map.of("Accept", "application/json"), null);
            if (answer.status() != 200) {
                throw new IllegalStateException("no OpenAPI document: HTTP " + answer.status());
            }
            operations.addAll(OpenApi.parse(answer.body()).operations());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FuzzTarget operation(ApiOperation op) {
        operations.add(op);
        return this;
    }

    public FuzzTarget only(Predicate<ApiOperation> include) {
        this.include = include;
        return this;
    }

    /** Writes the test owns the data of: hostile but well-formed requests may be accepted there. */
    public FuzzTarget acceptWrites(Predicate<ApiOperation> acceptWrites) {
        this.acceptWrites = acceptWrites;
        return this;
    }

    public FuzzTarget pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /** A path parameter's value for the operations on one path template only ({@code /api/x/{id}/settings}). */
    public FuzzTarget pathValueOn(String pathTemplate, String name, String value) {
        pathValues.put(pathTemplate + " " + name, value);
        return this;
    }

    /** Someone else's value of a path parameter on one path template only. */
    public FuzzTarget foreignOn(String pathTemplate, String name, String... values) {
        foreignValues.computeIfAbsent(pathTemplate + " " + name, k -> new ArrayList<>()).addAll(List.of(values));
        return this;
    }

    public FuzzTarget queryValue(String name, String value) {
        queryValues.put(name, value);
        return this;
    }

    /** Values of a path parameter that belong to someone else: the caller must get 403 or 404, never their data. */
    public FuzzTarget foreign(String name, String... values) {
        foreignValues.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values));
        return this;
    }

    /** The baseline body of one operation ({@code "PUT /api/x/{id}"}) when the document's example does not fit. */
    public FuzzTarget body(String operation, JsonNode body) {
        bodies.put(operation, body);
        return this;
    }

    /** {@link #body(String, JsonNode)} from JSON text. */
    public FuzzTarget body(String operation, String json) {
        try {
            return body(operation, new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FuzzTarget header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    /**
     * Path parameters that name a group rather than a stored record (a team): an unknown value may be answered,
     * e.g. with suppressed figures, instead of 404.
     */
    public FuzzTarget openKeys(String... names) {
        openKeys.addAll(List.of(names));
        return this;
    }

    /** Text this caller must never see in any answer (another person's data). */
    public FuzzTarget secrets(String... values) {
        secrets.addAll(List.of(values));
        return this;
    }

    /** The data refused requests must not change, as a comparable string (e.g. a table checksum). */
    public FuzzTarget snapshot(Supplier<String> snapshot) {
        this.snapshot = snapshot;
        return this;
    }

    public FuzzTarget maxCasesPerOperation(int max) {
        this.maxCasesPerOperation = max;
        return this;
    }

    /**
     * The target relays requests to services that judge them (a gateway): only its own refusals are expected
     * (missing or bad token, body too large); the relayed services' answers are checked for 5xx and header
     * injection only, since they come from elsewhere.
     */
    public FuzzTarget passThrough() {
        this.passThrough = true;
        return this;
    }

    /** Operations that answer without a token (signature-verified callbacks): a missing token is no refusal there. */
    public FuzzTarget publicRoutes(Predicate<ApiOperation> publicRoute) {
        this.publicRoute = publicRoute;
        return this;
    }

    /**
     * Operations that accept bodies up to {@code limitBytes} (bulk uploads) rather than the usual limit: their
     * "huge body" case is made larger than that limit, so it is still one the target must refuse.
     */
    public FuzzTarget largeBodies(Predicate<ApiOperation> route, long limitBytes) {
        this.largeBodyRoute = route;
        this.largeBodyLimit = limitBytes;
        return this;
    }

    public FuzzTarget seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Sends every case of every included operation as the holder of {@code token} (a label for the report). */
    public FuzzReport runAs(String caller, String token) {
        return new Fuzzer(this).run(op -> caller, op -> token);
    }

    /**
     * Like {@link #runAs} with one caller per operation, taken in turn from {@code callers}: spreads the requests
     * over several users where the target limits each user's request rate.
     */
    public FuzzReport runRotating(List<String> callers, java.util.function.Function<String, String> tokenOf) {
        List<ApiOperation> ops = includedOperations();
        return new Fuzzer(this).run(op -> callers.get(ops.indexOf(op) % callers.size()),
                op -> tokenOf.apply(callers.get(ops.indexOf(op) % callers.size())));
    }

    // ---------------------------------------------------------------- read by the fuzzer

    RawHttp http() {
        return new RawHttp(host, port, timeoutMillis);
    }

    /** Size of the body that must be refused as too large on this operation. */
    int hugeBodyBytes(ApiOperation op) {
        long usual = 2L * 1024 * 1024;
        return (int) (largeBodyRoute.test(op) ? Math.max(usual, largeBodyLimit + 1024 * 1024) : usual);
    }

    List<ApiOperation> includedOperations() {
        return operations.stream().filter(include).toList();
    }

    boolean acceptsWrites(ApiOperation op) {
        return acceptWrites.test(op);
    }

    String pathValue(ApiOperation op, String name) {
        return pathValues.getOrDefault(op.path() + " " + name, pathValues.get(name));
    }

    String queryValue(String name) {
        return queryValues.get(name);
    }

    List<String> foreignValues(ApiOperation op, String name) {
        return foreignValues.getOrDefault(op.path() + " " + name, foreignValues.getOrDefault(name, List.of()));
    }

    JsonNode body(ApiOperation op) {
        JsonNode body = bodies.get(op.toString());
        return body == null ? null : body.deepCopy();
    }

    Map<String, String> extraHeaders() {
        return extraHeaders;
    }

    boolean isOpenKey(String name) {
        return openKeys.contains(name);
    }

    Set<String> secrets() {
        return secrets;
    }

    String snapshot() {
        return snapshot.get();
    }

    int maxCasesPerOperation() {
        return maxCasesPerOperation;
    }

    boolean isPublic(ApiOperation op) {
        return publicRoute.test(op);
    }

    boolean isPassThrough() {
        return passThrough;
    }

    long seed() {
        return seed;
    }
}
