package io.countywatch.aggregator.db.embedded;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks on a daemon thread of its own (pg_ctl blocks) that the embedded postmaster still runs, and starts it
 * again when it does not. The connection pool and the LISTEN clients reconnect to the same port by themselves.
 */
final class ServerSupervisor {

    private static final Logger log = LoggerFactory.getLogger(ServerSupervisor.class);

    private final RunningPostgres server;
    private final ScheduledExecutorService thread;
    // one line for the first failed restart and then one per this many, not one a second while it stays down
    private static final int LOG_EVERY_N_ATTEMPTS = 30;
    private long downSince;
    private int failedAttempts;

    private ServerSupervisor(RunningPostgres server, ScheduledExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    static ServerSupervisor start(RunningPostgres server, Duration every) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-postgres-supervisor");
            t.setDaemon(true);
            return t;
        });
        ServerSupervisor supervisor = new ServerSupervisor(server, thread);
        long millis = Math.max(1, every.toMillis());
        thread.scheduleWithFixedDelay(supervisor::check, millis, millis, TimeUnit.MILLISECONDS);
        return supervisor;
    }

    void stop() {
        thread.shutdownNow();
    }

    private void check() {
        try {
            if (server.closed() || server.serverAlive()) {
                return;
            }
            if (downSince == 0) {
                downSince = System.nanoTime();
                log.warn(
                        "Embedded PostgreSQL (pid {}) in {} has died; starting it again on port {}",
                        server.postmasterPid(),
                        server.dataDir(),
                        server.port());
            }
            Optional<String> notYet = server.restartAfterCrash();
            if (notYet.isPresent()) {
                if (failedAttempts++ % LOG_EVERY_N_ATTEMPTS == 0) {
                    log.warn(
                            "Embedded PostgreSQL did not start again yet (attempt {}): {}",
                            failedAttempts,
                            notYet.get());
                }
            } else if (!server.closed()) {
                log.info(
                        "Embedded PostgreSQL is up again on port {} (pid {}) after {} ms down; connections reopen"
                                + " by themselves",
                        server.port(),
                        server.postmasterPid(),
                        (System.nanoTime() - downSince) / 1_000_000);
                downSince = 0;
                failedAttempts = 0;
            }
        } catch (RuntimeException e) {
            // the next check tries again; the thread must survive anything
            log.warn("Embedded PostgreSQL supervision: {}", e.toString());
        }
    }
}
