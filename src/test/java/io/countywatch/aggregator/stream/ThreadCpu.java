package io.countywatch.aggregator.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU seconds a process's threads have used, by kind of thread (the name without its number: event loops, the
 * JIT's compiler threads, GC workers), from {@code /proc}: shows where the service's CPU goes in a burst.
 */
record ThreadCpu(Map<String, Double> seconds) {

    static ThreadCpu read(long pid) throws IOException {
        Map<String, Double> seconds = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("\\d+", "N");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // USER_HZ
                    seconds.merge(name, cpu, Double::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // a thread that ended between the listing and the read
                }
            }
        }
        return new ThreadCpu(seconds);
    }

    /** The kinds that used at least a tenth of a second since {@code earlier}, most first. */
    String since(ThreadCpu earlier) {
        return seconds.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - earlier.seconds.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() >= 0.1)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format("%s %.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
