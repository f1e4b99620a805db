package io.countywatch.aggregator.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.store.StoreDatabase;
import io.countywatch.aggregator.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/**
 * The schema all migrations build is the one in {@code docs/schema.sql}, so a migration that changes the schema
 * changes that file too and shows in review. After a reviewed change, regenerate it with
 * {@code ./mvnw verify -Dtest=NONE -Dit.test=SchemaSnapshotIT -Dschema.snapshot.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SchemaSnapshotIT {

    static final Path SNAPSHOT = Path.of("docs", "schema.sql");

    @Test
    void theMigratedSchemaIsTheReviewedSnapshot() throws Exception {
        String actual;
        try (StoreDatabase database = StoreDatabase.create("schema_snapshot", 1);
                Connection connection = DriverManager.getConnection(
                        database.jdbcUrl(),
                        TestDatabase.server().user(),
                        TestDatabase.server().password())) {
            actual = SchemaSnapshot.of(connection);
        }
        if (Boolean.getBoolean("schema.snapshot.update")) {
            Files.writeString(SNAPSHOT, header() + actual, StandardCharsets.UTF_8);
        }
        assertThat(header() + actual)
                .as(
                        "the migrated schema differs from %s: review the difference, then regenerate it with"
                                + " -Dschema.snapshot.update=true (see docs/database.md)",
                        SNAPSHOT)
                .isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
    }

    private static String header() {
        return """
                -- The schema migrations/V*.sql build, read from PostgreSQL's catalogs (store/SchemaSnapshotIT).
                -- Generated: do not edit. Regenerate with -Dschema.snapshot.update=true (docs/database.md).

                """;
    }
}
