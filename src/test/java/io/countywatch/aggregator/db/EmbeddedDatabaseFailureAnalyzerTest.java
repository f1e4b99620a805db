package io.countywatch.aggregator.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.db.embedded.LocalPostgresException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

class EmbeddedDatabaseFailureAnalyzerTest {

    @Test
    void reportsAnEmbeddedDatabaseFailureAtStartUpWithWhatToChange() {
        LocalPostgresException failure = new LocalPostgresException(
                "shared buffers (aggregator.db.embedded.shared-buffers) must be 'auto' or a size with a unit such as"
                        + " 512MB or 2GB (kB, MB, GB, TB), was lots");

        // Other analyzers on the class path need constructor arguments Spring Boot supplies; skip those.
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, FailureHandler.handleMessage((message, failed) -> {}));

        assertThat(analyzers)
                .filteredOn(EmbeddedDatabaseFailureAnalyzer.class::isInstance)
                .singleElement()
                .satisfies(analyzer -> {
                    var analysis = analyzer.analyze(new IllegalStateException("bean creation failed", failure));
                    assertThat(analysis.getDescription())
                            .startsWith("The embedded PostgreSQL could not start:")
                            .contains("    shared buffers (aggregator.db.embedded.shared-buffers) must be")
                            .contains("was lots");
                    assertThat(analysis.getAction()).contains("AGGREGATOR_PG_SHARED_BUFFERS", "AGGREGATOR_DB_URL");
                });
    }
}
