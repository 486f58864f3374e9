package io.wellness.scheduler.delivery;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.wellness.common.events.BreakDueEvent;
import io.wellness.common.events.CloudEvents;
import io.wellness.common.events.Topics;
import io.wellness.scheduler.delivery.fake.FakeChatServer;
import io.wellness.scheduler.delivery.fake.FakeChats;
import io.wellness.scheduler.delivery.service.DeliveryPhases;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark (not part of the test suite; run with bench/delivery-bench.sh): due events on real Kafka delivered to
 * a local fake Slack that does not rate-limit. Prints throughput of a burst and the added latency (due event
 * available on Kafka, i.e. acknowledged by the broker -> chat.postMessage received by the fake Slack) at a steady
 * 1,000 events/s as p50/p95/p99/max, and the mean time per delivery phase (see {@link DeliveryPhases}). The paced run
 * is measured twice: on the just-started JVM, and once the service is warm (see {@link #WARM_UP_EVENTS}).
 */
@QuarkusTest
@TestProfile(DeliveryBenchmark.Unlimited.class)
class DeliveryBenchmark {
    static final int EVENTS = Integer.getInteger("bench.events", 10_000);
    static final int PACED_RATE = Integer.getInteger("bench.rate", 1_000);
    /**
     * Events delivered at the paced rate between the cold and the warm measurement. Profiles of a paced run on a
     * just-started JVM (after 1,000 events and a burst) put a quarter to a third of this JVM's CPU in the JIT
     * compilers (C2 alone 18-38 %) and C2 was still busy 30 s later: measured then, the figures describe a service
     * still compiling itself on cores it shares with Kafka and PostgreSQL. The benchmark prints both: the paced run
     * on the cold JVM, and the paced run once the service has delivered this many more.
     */
    static final int WARM_UP_EVENTS = Integer.getInteger("bench.warmup", 50_000);

    /** The fake Slack has no rate limit, so neither has the app here. */
    public static class Unlimited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "wellness.delivery.slack.workspace-per-second", "1000000",
                    "wellness.delivery.slack.workspace-burst", "1000000",
                    "wellness.delivery.slack.per-recipient-per-second", "1000000",
                    "wellness.delivery.slack.per-recipient-burst", "1000000",
                    "wellness.delivery.workspace-concurrency", "128",
                    "wellness.delivery.request-timeout", "PT5S",
                    "wellness.delivery.max-delivery-time", "PT15M",
                    "quarkus.log.category.\"io.wellness.scheduler.delivery\".level", "WARN",
                    "quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        }
    }

    private final FakeChatServer slack = FakeChats.server();

    @Inject
    DeliveryPhases phases;

    @Test
    void deliversTenThousandDueEvents() throws Exception {
        slack.recordBodies(false);
        run("connect", 1_000, 0);
        Map<DeliveryPhases.Phase, double[]> beforeCold = phaseTotals();
        long jitBeforeCold = jitMillis();
        Result cold = run("paced-cold", EVENTS, PACED_RATE);
        long jitAfterCold = jitMillis();
        Map<DeliveryPhases.Phase, double[]> afterCold = phaseTotals();
        run("warm-up", WARM_UP_EVENTS, PACED_RATE);
        Map<DeliveryPhases.Phase, double[]> beforeBurst = phaseTotals();
        Result burst = run("burst", EVENTS, 0);
        Map<DeliveryPhases.Phase, double[]> beforePaced = phaseTotals();
        long[] gcBefore = gcTotals();
        long jitBeforePaced = jitMillis();
        Result paced = run("paced", EVENTS, PACED_RATE);
        long jitAfterPaced = jitMillis();
        long[] gcAfter = gcTotals();
        Map<DeliveryPhases.Phase, double[]> afterPaced = phaseTotals();
        System.out.printf("%n=== delivery benchmark (fake Slack without rate limit, real Kafka + PostgreSQL, %d cores) ===%n",
                Runtime.getRuntime().availableProcessors());
        System.out.printf("definition: added latency = from the due event being available on Kafka (the broker acknowledged%n"
                + "definition: the produce, acks=all) to the fake Slack having read the chat.postMessage request;%n"
                + "definition: throughput = events / (last POST received - first event produced)%n");
        System.out.printf("burst : %,d events produced at once -> delivered in %.2f s = %,.0f deliveries/s%n",
                EVENTS, burst.seconds, EVENTS / burst.seconds);
        System.out.printf("burst : latency available->DM p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (queueing behind the burst)%n",
                burst.p50, burst.p95, burst.p99, burst.max);
        System.out.printf("paced : %,d events at %,d/s -> delivered in %.2f s = %,.0f deliveries/s%n",
                EVENTS, PACED_RATE, paced.seconds, EVENTS / paced.seconds);
        System.out.printf("paced : added latency available->DM p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                paced.p50, paced.p95, paced.p99, paced.max);
        System.out.printf("paced : from producer send() call   p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (adds client batching, linger 5 ms)%n",
                paced.sendP50, paced.sendP95, paced.sendP99);
        System.out.printf("paced : JIT compilation in this JVM during the run: %,d ms (after %,d deliveries)%n",
                jitAfterPaced - jitBeforePaced, 1_000 + 2 * EVENTS + WARM_UP_EVENTS);
        System.out.printf("paced-cold : the same paced run on the just-started JVM (after 1,000 deliveries): added latency p50 %.1f ms, "
                + "p95 %.1f ms, p99 %.1f ms, max %.1f ms; JIT compilation during the run: %,d ms%n",
                cold.p50, cold.p95, cold.p99, cold.max, jitAfterCold - jitBeforeCold);
        printPhases("paced-cold", beforeCold, afterCold);
        printPhases("burst", beforeBurst, beforePaced);
        printPhases("paced", beforePaced, afterPaced);
        System.out.printf("paced : garbage collections in this JVM (service, fake Slack, producer): %d, %d ms in total (%s)%n",
                gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], java.lang.management.ManagementFactory
                        .getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
        System.out.printf("targets: >= 1,000 deliveries/s (burst: %s), p99 added latency <= 50 ms (paced, warm JVM: %s; "
                        + "cold JVM: %s)%n%n", EVENTS / burst.seconds >= 1000 ? "met" : "NOT met",
                paced.p99 <= 50 ? "met" : "NOT met", cold.p99 <= 50 ? "met" : "NOT met");
        assertThat(burst.delivered).isEqualTo(EVENTS);
        assertThat(paced.delivered).isEqualTo(EVENTS);
        assertThat(cold.delivered).isEqualTo(EVENTS);
    }

    /** Milliseconds this JVM's JIT compilers have spent so far. */
    private static long jitMillis() {
        var compilation = java.lang.management.ManagementFactory.getCompilationMXBean();
        return compilation != null && compilation.isCompilationTimeMonitoringSupported() ? compilation.getTotalCompilationTime() : -1;
    }

    /** Upper bounds of the phase timers' histogram buckets, by index (the same for every timer). */
    private static final Map<Integer, Double> bucketBoundsMillis = new java.util.concurrent.ConcurrentHashMap<>();

    /** The bound of the first bucket holding the given share of what a run recorded ("-" without records). */
    private static String percentileBound(double[] before, double[] after, double share) {
        double count = after[0] - before[0];
        if (count <= 0) {
            return "-";
        }
        for (int i = 2; i < after.length; i++) {
            if (after[i] - before[i] >= share * count) {
                double bound = bucketBoundsMillis.get(i - 2);
                return bound < 1 ? String.format("%.2f", bound) : String.format("%.0f", bound);
            }
        }
        return "beyond the last bucket";
    }

    record Result(int delivered, double seconds, double p50, double p95, double p99, double max,
                  double sendP50, double sendP95, double sendP99) {
    }

    /** Per phase: count and total milliseconds so far (timers are cumulative; a run is the difference). */
    private Map<DeliveryPhases.Phase, double[]> phaseTotals() {
        Map<DeliveryPhases.Phase, double[]> totals = new java.util.EnumMap<>(DeliveryPhases.Phase.class);
        for (DeliveryPhases.Phase phase : DeliveryPhases.Phase.values()) {
            Timer timer = phases.timer(phase);
            // count, total ms, then the histogram's cumulative counts per bucket (bounds in bucketBoundsMillis)
            io.micrometer.core.instrument.distribution.CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
            double[] values = new double[2 + buckets.length];
            values[0] = timer.count();
            values[1] = timer.totalTime(TimeUnit.MILLISECONDS);
            for (int i = 0; i < buckets.length; i++) {
                values[2 + i] = buckets[i].count();
                bucketBoundsMillis.putIfAbsent(i, buckets[i].bucket(TimeUnit.MILLISECONDS));
            }
            totals.put(phase, values);
        }
        return totals;
    }

    /** Collections and milliseconds spent collecting so far, all collectors of this JVM. */
    private static long[] gcTotals() {
        long count = 0;
        long millis = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[]{count, millis};
    }

    private static void printPhases(String run, Map<DeliveryPhases.Phase, double[]> before, Map<DeliveryPhases.Phase, double[]> after) {
        StringBuilder line = new StringBuilder(run + " : phases, mean ms (count):");
        for (DeliveryPhases.Phase phase : DeliveryPhases.Phase.values()) {
            double count = after.get(phase)[0] - before.get(phase)[0];
            double millis = after.get(phase)[1] - before.get(phase)[1];
            line.append(String.format(" %s %.2f (%,.0f)", phase.tag(), count == 0 ? 0 : millis / count, count));
        }
        System.out.println(line);
        StringBuilder tails = new StringBuilder(run + " : phases, p99 ms (histogram bucket bound):");
        for (DeliveryPhases.Phase phase : DeliveryPhases.Phase.values()) {
            tails.append(String.format(" %s %s", phase.tag(), percentileBound(before.get(phase), after.get(phase), 0.99)));
        }
        System.out.println(tails);
    }

    private Result run(String name, int count, int perSecond) throws Exception {
        slack.forgetRequests();
        String prefix = "UB" + name + UUID.randomUUID().toString().substring(0, 8) + "-";
        // by event index (the marker's suffix): arrays keep the harness's own garbage out of the measurement
        long[] producedAt = new long[count];
        long[] availableAt = new long[count];
        long start = System.nanoTime();
        long interval = perSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
        for (int i = 0; i < count; i++) {
            if (interval > 0) {
                long due = start + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            String user = prefix + i;
            BreakDueEvent event = DeliveryKafka.dueEvent("bench-" + user, "slack", user);
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DUE, event.employeeId(),
                    DeliveryKafka.JSON.writeValueAsString(event));
            CloudEvents.headers(event.breakId().toString(), "/bench", CloudEvents.TYPE_DUE, event.breakId().toString(),
                    Instant.now(), null).forEach(header -> record.headers().add(header));
            int index = i;
            producedAt[index] = System.nanoTime();
            DeliveryKafka.producer().send(record, (metadata, failure) -> {
                if (failure == null) {
                    availableAt[index] = System.nanoTime();
                }
            });
        }
        DeliveryKafka.producer().flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        List<FakeChatServer.Recorded> posts;
        do {
            Thread.sleep(50);
            posts = slack.requests(r -> r.body().startsWith(prefix));
        } while (posts.size() < count && System.nanoTime() < deadline);
        double[] latencies = new double[posts.size()];
        double[] fromSend = new double[posts.size()];
        long last = start;
        for (int i = 0; i < posts.size(); i++) {
            FakeChatServer.Recorded post = posts.get(i);
            int index = Integer.parseInt(post.body().substring(prefix.length()));
            long available = availableAt[index] != 0 ? availableAt[index] : producedAt[index];
            // the consumer may see a record a hair before the producer's acknowledgement callback runs
            latencies[i] = Math.max(0, post.receivedNanos() - available) / 1e6;
            fromSend[i] = (post.receivedNanos() - producedAt[index]) / 1e6;
            last = Math.max(last, post.receivedNanos());
        }
        Arrays.sort(latencies);
        Arrays.sort(fromSend);
        double seconds = (last - start) / 1e9;
        long distinct = posts.stream().map(FakeChatServer.Recorded::body).distinct().count();
        System.out.printf("%s: %,d/%,d delivered in %.2f s (%,d duplicate sends)%n", name, distinct, count, seconds,
                posts.size() - distinct);
        return new Result((int) distinct, seconds, percentile(latencies, 50), percentile(latencies, 95),
                percentile(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1],
                percentile(fromSend, 50), percentile(fromSend, 95), percentile(fromSend, 99));
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
