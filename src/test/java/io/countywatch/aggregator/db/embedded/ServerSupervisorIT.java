package io.countywatch.aggregator.db.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The embedded server killed under a supervised launcher comes back on the same port with its data. */
class ServerSupervisorIT {

    @Test
    void startsAKilledServerAgainOnTheSamePortWithItsData() throws Exception {
        Path configured =
                Path.of("target", "supervised-pg-" + ProcessHandle.current().pid());
        RunningPostgres pg = LocalPostgres.start(new LocalPostgresSettings(configured));
        try {
            pg.supervise(Duration.ofMillis(200));
            try (Connection c = OrphanedServerIT.connect(pg);
                    Statement sql = c.createStatement()) {
                sql.execute("CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)");
            }
            long killed = pg.postmasterPid();

            ProcessHandle.of(killed).orElseThrow().destroyForcibly(); // SIGKILL, as the OOM killer would

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> pg.postmasterPid() != killed && selectKept(pg) == 7);
            assertThat(ProcessState.alive(killed)).isFalse();
        } finally {
            pg.close();
            Folders.deleteRecursively(pg.dataDir());
            Folders.deleteRecursively(configured);
        }
    }

    private static int selectKept(RunningPostgres pg) throws Exception {
        try (Connection c = OrphanedServerIT.connect(pg);
                Statement sql = c.createStatement();
                ResultSet rows = sql.executeQuery("SELECT n FROM kept")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
