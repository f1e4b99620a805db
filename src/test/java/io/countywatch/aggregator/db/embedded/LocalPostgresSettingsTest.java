package io.countywatch.aggregator.db.embedded;

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

    @ParameterizedTest
    @CsvSource({
        "25769803776, 1024MB", // 24 GiB: an eighth would be 3 GB; capped, the machine is shared
        "4294967296, 512MB", // 4 GiB: an eighth
        "268435456, 128MB", // 256 MB: never below 128 MB
        "68719476736, 1024MB" // 64 GiB: never above 1 GB unless set
    })
    void sharedBuffersAreAnEighthOfTheMemoryWithinBounds(long memory, String expected) {
        assertThat(ServerTuning.sharedBuffersFor(memory)).isEqualTo(expected);
    }

    @Test
    void sharedBuffersAreSizedToTheMachineUnlessGiven() {
        LocalPostgresSettings auto = new LocalPostgresSettings(Path.of("data"));
        assertThat(auto.sharedBuffers()).isEqualTo(LocalPostgresSettings.AUTO);
        assertThat(auto.resolvedSharedBuffers()).matches("[0-9]+MB");
        assertThat(new LocalPostgresSettings(Path.of("data"), 0, "aggregator", "").sharedBuffers())
                .isEqualTo(LocalPostgresSettings.AUTO);
        assertThat(new LocalPostgresSettings(Path.of("data"), 0, "aggregator", "2GB").resolvedSharedBuffers())
                .isEqualTo("2GB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "2 GB", "2G", "0MB", "1GB -c fsync=off", "-1GB"})
    void rejectsSharedBuffersThatAreNotASize(String value) {
        assertThatThrownBy(() -> new LocalPostgresSettings(Path.of("data"), 0, "aggregator", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shared buffers")
                .hasMessageContaining(value);
    }
}
