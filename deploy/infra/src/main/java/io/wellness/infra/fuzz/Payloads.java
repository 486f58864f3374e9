package io.wellness.infra.fuzz;

import java.util.List;

/** Hostile strings, grouped by what they attack. */
public final class Payloads {
    /** A header a CRLF injection would add to an answer; its presence proves the injection worked. */
    public static final String INJECTED_HEADER = "X-Fuzz-Injected";

    public static final List<String> SQL = List.of(
            "' OR '1'='1", "'; DROP TABLE employee; --", "1; SELECT pg_sleep(0)--", "\" OR \"\"=\"", "%' OR 1=1 --",
            "\\'", "1' UNION SELECT usename, passwd FROM pg_shadow --");
    public static final List<String> JSON = List.of(
            "{\"$ne\":null}", "\"},\"roles\":[\"admin\"],\"x\":{\"", "\u0000", "\uFEFF\u202Efuzz", "[]", "null");
    public static final List<String> CRLF = List.of(
            "fuzz\r\n" + INJECTED_HEADER + ": 1", "fuzz%0d%0a" + INJECTED_HEADER + ":%201");
    public static final List<String> TRAVERSAL = List.of(
            "../../../../etc/passwd", "..%2f..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "....//....//etc/passwd", "..\\..\\..\\windows\\win.ini", "/etc/passwd%00.json");
    public static final List<String> SCRIPT = List.of(
            "<script>alert('fuzz')</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
            "{{7*7}}${7*7}#{7*7}", "${jndi:ldap://127.0.0.1/x}", "%s%n%x%d");
    public static final List<String> ODD = List.of(
            "", " ", "𝕱𝖚𝖟𝖟 ✓ ümlaut 漢字 🙂", "-1", "0", "99999999999999999999", "1e309", "NaN", "true");

    /** Every hostile string, in a fixed order. */
    public static final List<String> ALL = java.util.stream.Stream.of(SQL, JSON, CRLF, TRAVERSAL, SCRIPT, ODD)
            .flatMap(List::stream).toList();

    private Payloads() {
    }
}
