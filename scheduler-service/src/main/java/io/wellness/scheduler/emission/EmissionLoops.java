package io.wellness.scheduler.emission;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wellness.scheduler.config.SchedulerConfig;
import io.wellness.scheduler.plan.PlanStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs this replica's emitting threads. Any number of replicas may run them: row locks share the work, and while one
 * thread waits for Kafka's acknowledgements another claims and prepares the next batch.
 */
@ApplicationScoped
public class EmissionLoops {

    @Inject
    SchedulerConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PlanStore plans;

    @Inject
    DuePublisher publisher;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    void start(@Observes StartupEvent event) {
        running = true;
        if (config.emitter().enabled()) {
            DueBreakEmitter emitter = new DueBreakEmitter(dataSource, plans, publisher, config.emitter().batchSize(),
                    config.emitter().lateGrace(), config.emitter().backlogGrace(), BatchObserver.NONE,
                    EmissionPhase.timers(registry));
            PlanPrefetch prefetch = new PlanPrefetch(dataSource, plans, config.plans().prefetchSample());
            // the look-ahead is real time: on an accelerated clock it covers that much more scheduler time
            Duration ahead = Duration.ofMillis((long) (config.plans().prefetchAhead().toMillis() * config.clock().speed()));
            threads.add(Thread.ofPlatform().name("scheduler-plan-prefetch").daemon().start(() ->
                    loop("plan prefetch", () -> prefetch.prefetch(clock.instant(), ahead), Integer.MAX_VALUE,
                            config.plans().prefetchEvery())));
            for (int i = 0; i < config.emitter().threads(); i++) {
                threads.add(Thread.ofPlatform().name("scheduler-emitter-" + i).daemon().start(() ->
                        loop("emitter", () -> emitter.emitDue(clock.instant()), config.emitter().batchSize(), config.emitter().idlePoll())));
            }
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    interface Step {
        int run() throws Exception;
    }

    private void loop(String name, Step step, int batchSize, Duration idle) {
        while (running) {
            try {
                // a full batch means more is waiting: go again at once
                if (step.run() < batchSize) {
                    Thread.sleep(idle.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    // shutting down: the beans it uses are going away
                    return;
                }
                Log.errorf(e, "scheduler %s batch failed; retrying in a second", name);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
