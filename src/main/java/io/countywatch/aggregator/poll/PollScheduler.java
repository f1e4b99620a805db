package io.countywatch.aggregator.poll;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Every tick, leases the due sources from the database and polls them with bounded concurrency. A tick that is
 * still busy makes the next one wait (no pile-up); a failing database pauses polling until it answers again.
 */
@Component
@EnableConfigurationProperties(PollingProperties.class)
class PollScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);

    private final PollingProperties properties;
    private final SourcePoller poller;
    private final SourceSync sync;
    private final io.countywatch.aggregator.store.SourceStateRepository states;
    private final InstanceId instance;
    private final PollMetrics metrics;
    private volatile Disposable running;

    PollScheduler(
            PollingProperties properties,
            SourcePoller poller,
            SourceSync sync,
            io.countywatch.aggregator.store.SourceStateRepository states,
            InstanceId instance,
            PollMetrics metrics) {
        this.properties = properties;
        this.poller = poller;
        this.sync = sync;
        this.states = states;
        this.instance = instance;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("Polling is disabled (aggregator.polling.enabled=false)");
            return;
        }
        log.info("Polling started as {} (tick {}, {} sources at once)",
                instance.value(), properties.tick(), properties.concurrency());
        running = Flux.interval(properties.tick(), Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> round(), 1)
                .subscribe();
    }

    private Mono<Void> round() {
        return sync.pending()
                .then(states.countDue().doOnNext(metrics::due))
                .thenMany(states.leaseDue(instance.value(), properties.lease(), properties.concurrency() * 4))
                .flatMap(poller::poll, properties.concurrency())
                .then()
                .onErrorResume(error -> {
                    log.warn("Polling round failed, will retry next tick: {}", error.toString());
                    return Mono.empty();
                });
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
