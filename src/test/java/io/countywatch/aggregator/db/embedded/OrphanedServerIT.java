package io.countywatch.aggregator.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server left running on the data directory at start-up: this service's own (its marker names a JVM that is
 * gone) is stopped and the start goes on; one the service did not start blocks, with how to tell what it is.
 * e2e.CrashRecoveryIT does the same with a real {@code kill -9} of a service JVM.
 */
class OrphanedServerIT {

    private final Path configured =
            Path.of("target", "orphan-pg-" + ProcessHandle.current().pid());
    private RunningPostgres first;
    private RunningPostgres second;

    @AfterEach
    void stopAndDelete() throws IOException {
        // The second runs on the data directory the first had; closing the first afterwards finds nothing to stop.
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
            Folders.deleteRecursively(first.dataDir());
        }
        Folders.deleteRecursively(configured);
    }

    @Test
    void stopsItsOwnServerLeftByAJvmThatIsGoneAndStartsWithTheDataIntact() throws Exception {
        first = LocalPostgres.start(new LocalPostgresSettings(configured));
        try (Connection c = connect(first);
                Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)");
        }
        long orphan = first.postmasterPid();
        // As if the JVM that started it had been killed: the marker now names a process that has exited.
        OwnerMarker mine = OwnerMarker.read(first.dataDir()).orElseThrow();
        new OwnerMarker(exitedPid(), mine.jvmStarted(), mine.postmasterPid(), mine.postgres()).write(first.dataDir());

        second = LocalPostgres.start(new LocalPostgresSettings(configured));

        assertThat(ProcessState.alive(orphan)).isFalse();
        assertThat(second.postmasterPid()).isNotEqualTo(orphan);
        try (Connection c = connect(second);
                Statement sql = c.createStatement();
                ResultSet rows = sql.executeQuery("SELECT n FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void refusesAServerItDidNotStartAndSaysHowToTellWhatItIs() throws Exception {
        first = LocalPostgres.start(new LocalPostgresSettings(configured));
        Files.delete(first.dataDir().resolve(OwnerMarker.FILE));

        assertThatThrownBy(() -> LocalPostgres.start(new LocalPostgresSettings(configured)))
                .isInstanceOf(LocalPostgresException.class)
                .hasMessageContaining("which this service did not start")
                .hasMessageContaining("ps -o pid,user,args -p " + first.postmasterPid())
                .hasMessageContaining("stop -m fast");
        assertThat(ProcessState.alive(first.postmasterPid())).isTrue();
    }

    @Test
    void refusesTheServerOfAnotherRunningInstance() {
        first = LocalPostgres.start(new LocalPostgresSettings(configured));

        assertThatThrownBy(() -> LocalPostgres.start(new LocalPostgresSettings(configured)))
                .isInstanceOf(LocalPostgresException.class)
                .hasMessageContaining("started by another running instance of this service (JVM pid "
                        + ProcessHandle.current().pid() + ")");
        assertThat(ProcessState.alive(first.postmasterPid())).isTrue();
    }

    private static long exitedPid() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        return done.pid();
    }

    static Connection connect(RunningPostgres pg) throws Exception {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }
}
