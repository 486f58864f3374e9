package io.wellness.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the generated cases and checks every answer: never a 5xx; refusals are RFC 9457 problem documents with the
 * expected status; no stack traces, class names or SQL in answers; nothing of another person's; no injected
 * header or file content; no reflected script in a page; and a refused write leaves the data as it was.
 */
final class Fuzzer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("\\bat [\\w$.]+\\([\\w$]+\\.java(:\\d+)?\\)"),
            Pattern.compile("\\b(java|javax|jakarta|org\\.hibernate|org\\.postgresql|io\\.quarkus|io\\.vertx|io\\.smallrye|org\\.jboss|com\\.fasterxml|io\\.netty|io\\.wellness)\\.[a-z][\\w$]*\\.[\\w$.]+"),
            Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b(?<!Internal Server Error)"),
            Pattern.compile("(?i)\\b(select\\s+[\\w*,\\s.\"]+\\s+from\\s+\\w+|insert\\s+into\\s+\\w+|update\\s+\\w+\\s+set\\s|delete\\s+from\\s+\\w+)"),
            Pattern.compile("(?i)SQLState|syntax error at or near|violates (foreign key|unique|check|not-null) constraint|\\brelation \"\\w+\"|\\bcolumn \"\\w+\""),
            Pattern.compile("root:x:0:0|\\[extensions\\]|\\bfor 16-bit app support"));

    private final FuzzTarget target;

    Fuzzer(FuzzTarget target) {
        this.target = target;
    }

    FuzzReport run(java.util.function.Function<ApiOperation, String> callerOf, java.util.function.Function<ApiOperation, String> tokenOf) {
        FuzzReport report = new FuzzReport();
        RawHttp http = target.http();
        List<ApiOperation> operations = target.includedOperations();
        report.count(operations.size());
        java.util.Set<String> callers = new java.util.LinkedHashSet<>();
        for (ApiOperation op : operations) {
            String caller = callerOf.apply(op);
            callers.add(caller);
            List<FuzzCase> cases = new CaseGenerator(op, target, tokenOf.apply(op), target.seed()).cases();
            String before = target.snapshot();
            for (FuzzCase c : cases) {
                Answer answer;
                try {
                    answer = http.send(c.method(), c.target(), c.headers(), c.body());
                } catch (IOException | RuntimeException e) {
                    report.answered(null);
                    report.add(new FuzzReport.Finding(caller, op, c, null, "no valid HTTP answer: " + e));
                    continue;
                }
                report.answered(answer);
                for (String problem : problems(op, c, answer)) {
                    report.add(new FuzzReport.Finding(caller, op, c, answer, problem));
                }
                if (!op.isRead() || !c.method().equals(op.method())) {
                    String after = target.snapshot();
                    if (answer.status() >= 400 && !after.equals(before)) {
                        report.add(new FuzzReport.Finding(caller, op, c, answer, "a refused request changed data"));
                    }
                    before = after;
                }
            }
        }
        System.out.printf("[fuzz] as %s: %s%n", String.join(", ", callers), report.summary());
        return report;
    }

    private List<String> problems(ApiOperation op, FuzzCase c, Answer answer) {
        List<String> problems = new ArrayList<>();
        int status = answer.status();
        // a relaying target's successful answers come from the service behind it
        boolean relayed = target.isPassThrough() && status < 400;
        if (status >= 500) {
            problems.add("server error " + status);
        } else if (c.mustBeRefused() && !c.refusedWith().contains(status) && !(target.isPassThrough() && status == 429)
                && !(target.isPublic(op) && status == 401)) { // a public callback checks its signature first
            problems.add("expected one of " + c.refusedWith() + " but got " + status);
        }
        // a page answers a browser with a page, refusals included
        boolean page = op.produces().contains("text/html") && answer.contentType().startsWith("text/html");
        if ((status >= 400 && status != 401 || status == 401 && !answer.body().isBlank()) && !page) {
            problemDocumentProblems(answer).forEach(problems::add);
        }
        String visible = withoutEchoes(answer.body(), c.echoes());
        for (Pattern internal : relayed ? List.<Pattern>of() : INTERNALS) {
            Matcher m = internal.matcher(visible);
            if (m.find()) {
                problems.add("answer reveals internals: '" + m.group() + "'");
            }
        }
        for (String secret : target.secrets()) {
            if (answer.body().contains(secret) || answer.headers().toString().contains(secret)) {
                problems.add("answer reveals another person's data: '" + secret + "'");
            }
        }
        if (answer.headers().containsKey(Payloads.INJECTED_HEADER.toLowerCase(Locale.ROOT))) {
            problems.add("header injection: the answer carries " + Payloads.INJECTED_HEADER);
        }
        if (answer.contentType().startsWith("text/html")) {
            for (String echo : c.echoes()) {
                if ((echo.contains("<script") || echo.contains("onerror=")) && answer.body().contains(echo)) {
                    problems.add("page reflects a script unescaped");
                }
            }
        }
        return problems;
    }

    private static List<String> problemDocumentProblems(Answer answer) {
        if (!answer.contentType().startsWith("application/problem+json")) {
            return List.of("refusal is not application/problem+json (Content-Type '" + answer.contentType() + "')");
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            if (problem == null || problem.path("status").asInt() != answer.status() || !problem.hasNonNull("title")) {
                return List.of("problem document without matching status and title");
            }
            return List.of();
        } catch (IOException e) {
            return List.of("problem document is not JSON");
        }
    }

    /** The body without the hostile strings the request carried (echoing them back is not a leak). */
    private static String withoutEchoes(String body, List<String> echoes) {
        String visible = body;
        for (String echo : echoes) {
            if (echo.isBlank()) {
                continue;
            }
            List<String> forms = new ArrayList<>(List.of(echo, jsonEscaped(echo), CaseGenerator.encode(echo)));
            try {
                forms.add(URLDecoder.decode(echo, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notEncoded) {
                // keep the other forms
            }
            for (String form : forms) {
                if (!form.isEmpty()) {
                    visible = visible.replace(form, "");
                }
            }
        }
        return visible;
    }

    private static String jsonEscaped(String s) {
        try {
            String quoted = JSON.writeValueAsString(s);
            return quoted.substring(1, quoted.length() - 1);
        } catch (IOException e) {
            return s;
        }
    }
}
