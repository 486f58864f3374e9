package io.wellness.infra.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a fuzz run sent and what was wrong; {@link #assertClean()} fails with a compact, reproducible report. */
public final class FuzzReport {

    /** One broken rule: the operation, the request, the answer and the rule. */
    public record Finding(String caller, ApiOperation operation, FuzzCase input, Answer answer, String problem) {
        String describe() {
            String body = answer == null ? "" : FuzzCase.printable(answer.body().length() > 300
                    ? answer.body().substring(0, 300) + "..." : answer.body());
            String got = answer == null ? "no answer" : answer.status() + " " + answer.contentType() + " " + body;
            return "- [" + caller + "] " + operation + ": " + problem + "\n    sent: " + input.describe() + "\n    got:  " + got;
        }
    }

    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Integer> statuses = new TreeMap<>();
    private int operations;
    private int cases;

    void count(int operations) {
        this.operations += operations;
    }

    void answered(Answer answer) {
        cases++;
        statuses.merge(answer == null ? "none" : Integer.toString(answer.status()), 1, Integer::sum);
    }

    void add(Finding finding) {
        findings.add(finding);
    }

    public FuzzReport and(FuzzReport other) {
        FuzzReport merged = new FuzzReport();
        for (FuzzReport r : List.of(this, other)) {
            merged.findings.addAll(r.findings);
            r.statuses.forEach((k, v) -> merged.statuses.merge(k, v, Integer::sum));
            merged.operations += r.operations;
            merged.cases += r.cases;
        }
        return merged;
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public int cases() {
        return cases;
    }

    public int operations() {
        return operations;
    }

    public String summary() {
        return operations + " operation runs, " + cases + " requests, answers by status " + statuses + ", "
                + findings.size() + " finding(s)";
    }

    public void assertClean() {
        if (operations == 0 || cases == 0) {
            throw new AssertionError("the fuzz run sent nothing: " + summary());
        }
        if (!findings.isEmpty()) {
            StringBuilder text = new StringBuilder("fuzzing found broken rules: ").append(summary()).append('\n');
            findings.stream().limit(40).forEach(f -> text.append(f.describe()).append('\n'));
            if (findings.size() > 40) {
                text.append("... and ").append(findings.size() - 40).append(" more\n");
            }
            throw new AssertionError(text.toString());
        }
    }
}
