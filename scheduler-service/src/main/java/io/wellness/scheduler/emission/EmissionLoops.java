package io.wellness.scheduler.emission;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.wellness.scheduler.config.SchedulerConfig;
import io.wellness.scheduler.plan.PlanStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.kafka.clients.producer.Producer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs this replica's emitter and relay, each on its own thread. Any number of replicas may run them: row locks
 * share the work.
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
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    @Named("due-producer")
    Producer<String, byte[]> producer;

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    void start(@Observes StartupEvent event) {
        running = true;
        if (config.emitter().enabled()) {
            DueBreakEmitter emitter = new DueBreakEmitter(dataSource, plans, config.emitter().batchSize(),
                    config.emitter().lateGrace(), BatchObserver.NONE);
            for (int i = 0; i < config.emitter().threads(); i++) {
                threads.add(Thread.ofPlatform().name("scheduler-emitter-" + i).daemon().start(() ->
                        loop("emitter", () -> emitter.emitDue(clock.instant()), config.emitter().batchSize(), config.emitter().idlePoll())));
            }
        }
        if (config.relay().enabled()) {
            OutboxRelay relay = new OutboxRelay(dataSource, producer, plans, json, config.relay().batchSize(), BatchObserver.NONE);
            for (int i = 0; i < config.relay().threads(); i++) {
                threads.add(Thread.ofPlatform().name("scheduler-relay-" + i).daemon().start(() ->
                        loop("relay", relay::publishBatch, config.relay().batchSize(), config.relay().idlePoll())));
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
