package io.countywatch.aggregator.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalPostgresSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"aggregator", "aggregator_test", "_x", "A1"})
    void acceptsPlainDatabaseNames(String name) {
        assertThat(new LocalPostgresSettings(Path.of("data"), 0, name).database())
                .isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1db", "my-db", "a b", "x\"; DROP DATABASE postgres; --"})
    void rejectsNamesThatWouldNeedEscaping(String name) {
        assertThatThrownBy(() -> new LocalPostgresSettings(Path.of("data"), 0, name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("database name");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536})
    void rejectsPortsOutOfRange(int port) {
        assertThatThrownBy(() -> new LocalPostgresSettings(Path.of("data"), port, "aggregator"))
                .hasMessageContaining("port");
    }

    @ParameterizedTest
    @CsvSource({"/root/work/data, data-", "/tmp/junit-1/pgdata, pgdata-"})
    void fallbackIsStablePerConfiguredPathAndLivesUnderVarLib(Path configured, String prefix) {
        Path fallback = DataDirectory.fallbackFor(configured);
        assertThat(fallback).isEqualTo(DataDirectory.fallbackFor(configured));
        assertThat(fallback.getParent()).isEqualTo(Path.of("/var/lib/aggregator/pg"));
        assertThat(fallback.getFileName().toString()).startsWith(prefix).hasSize(prefix.length() + 8);
        assertThat(DataDirectory.fallbackFor(configured.resolveSibling("other")))
                .isNotEqualTo(fallback);
    }

    @Test
    void defaultsToAFreePortAndTheAggregatorDatabase() {
        LocalPostgresSettings settings = new LocalPostgresSettings(Path.of("data"));
        assertThat(settings.port()).isZero();
        assertThat(settings.database()).isEqualTo("aggregator");
    }
}
