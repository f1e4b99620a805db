package io.countywatch.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A country's sources file is checked in a small heap. Composed whole, the 30,000 sources' YAML nodes needed 256–384 MB
 * at once, and a service started with {@code -Xmx256m} or {@code -Xmx512m} lost its file watcher and the reload
 * request to the OutOfMemoryError. The check runs in a JVM of its own, so the heap limit is real.
 */
class SourcesFileHeapTest {

    @TempDir
    Path dir;

    @Test
    void checksThirtyThousandSourcesInA128MegabyteHeap() throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("sources.yml"), CountrySources.yaml(30_000), StandardCharsets.UTF_8);
        Process check = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SourcesFileHeapTest.class.getName(),
                        file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("30000 sources");
    }

    /** Loads the sources file given and prints how many sources it holds; the test runs it in a small heap. */
    public static void main(String[] args) {
        System.out.println(
                new SourcesFileLoader().load(Path.of(args[0])).sources().size() + " sources");
    }
}
