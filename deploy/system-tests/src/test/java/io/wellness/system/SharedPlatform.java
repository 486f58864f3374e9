package io.wellness.system;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One running platform for every system test class of the run (starting it takes a minute and a half), with a fake
 * Slack the scheduler delivers to. JUnit closes it at the end of the run (an AutoCloseable in the root store), so
 * no process outlives the tests.
 */
final class SharedPlatform implements ParameterResolver {

    /** What a test gets: the stack, the fake Slack, and an API client for both. */
    record Running(SystemStack stack, FakeSlack slack, Platform api) implements AutoCloseable {
        @Override
        public void close() {
            try {
                stack.close();
            } finally {
                slack.close();
                stack.deleteDataKeepingLogs();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(Running.class, key -> start(), Running.class);
    }

    private static Running start() {
        try {
            Path dataDir = Files.createTempDirectory("wellness-system-");
            FakeSlack slack = new FakeSlack();
            Map<String, String> scheduler = Map.of(
                    "WELLNESS_SLACK_API_URL", slack.apiUrl(),
                    "WELLNESS_DELIVERY_SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN,
                    "WELLNESS_DELIVERY_SLACK_SIGNING_SECRET", FakeSlack.SIGNING_SECRET,
                    "WELLNESS_DELIVERY_SLACK_RESPONSE_URL_PREFIX", slack.responseUrlPrefix(),
                    // the roster is synced on demand by the tests, so nothing changes behind their back
                    "WELLNESS_ROSTER_SYNC_EVERY", "off",
                    // a delivery claimed by a replica that dies is taken over when its unrenewed lease runs out (default 1 min)
                    "WELLNESS_DELIVERY_LEASE", "PT30S");
            long t0 = System.nanoTime();
            SystemStack stack;
            try {
                stack = SystemStack.start(dataDir, Map.of("scheduler", scheduler));
            } catch (RuntimeException e) {
                slack.close();
                throw e;
            }
            System.out.printf("[system] platform ready in %.1f s (logs in %s)%n", (System.nanoTime() - t0) / 1e9, stack.logDir());
            return new Running(stack, slack, new Platform(stack));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
