package io.countywatch.aggregator.config;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Load, validate and apply of a country-sized sources file (see BENCHMARKS.md): for each size, the start-up load
 * (read, parse, validate every source) and a reload after one source changed (the same plus the diff and the
 * announcement to the scheduler), each run five times, with wall and CPU time and the heap in use after. Not a test:
 * run it with {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.countywatch.aggregator.config.SourcesFileBenchmark -Dexec.args="10000 30000"}.
 */
public final class SourcesFileBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("sources-bench");
        try {
            measure(dir, args.length > 0 ? args : new String[] {"10000", "30000"});
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(dir); // 16 MB a run, also after an OOM
        }
    }

    private static void measure(Path dir, String[] counts) throws java.io.IOException {
        for (String arg : counts) {
            int count = Integer.parseInt(arg);
            Path file = dir.resolve("sources-" + count + ".yml");
            String yaml = CountrySources.yaml(count);
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            System.out.printf(
                    "sources=%d bytes=%d (%.0f a source)%n",
                    count, Files.size(file), (double) Files.size(file) / count);
            for (int run = 1; run <= 5; run++) {
                Files.writeString(file, yaml, StandardCharsets.UTF_8);
                long[] start = now();
                SourceRegistry registry = new SourceRegistry(file.toString(), Duration.ofSeconds(2), Clock.systemUTC());
                long[] loaded = now();
                Files.writeString(file, yaml.replaceFirst("interval: 30m", "interval: 20m"), StandardCharsets.UTF_8);
                ReloadResult result = registry.reload();
                long[] applied = now();
                System.gc();
                long heap = Runtime.getRuntime().totalMemory()
                        - Runtime.getRuntime().freeMemory();
                System.out.printf(
                        "  run=%d load: %d ms wall, %d ms cpu; reload+apply (%s): %d ms wall, %d ms cpu;"
                                + " heap after %d MB%n",
                        run,
                        (loaded[0] - start[0]) / 1_000_000,
                        (loaded[1] - start[1]) / 1_000_000,
                        result.getClass().getSimpleName(),
                        (applied[0] - loaded[0]) / 1_000_000,
                        (applied[1] - loaded[1]) / 1_000_000,
                        heap / (1024 * 1024));
            }
        }
    }

    private static long[] now() {
        return new long[] {System.nanoTime(), THREADS.getCurrentThreadCpuTime()};
    }
}
