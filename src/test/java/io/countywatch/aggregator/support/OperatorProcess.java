package io.countywatch.aggregator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A command run as an operator would run it (the packaged jar, the start script) in a process of its own, with
 * a clean environment (no AGGREGATOR_* or port settings of the test machine leak in), the JVM running this test
 * as its {@code java}, and its standard output and error kept apart in files.
 */
public final class OperatorProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private OperatorProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code command} in {@code workDir} with {@code env} added; output goes to files in {@code logDir}. */
    public static OperatorProcess start(List<String> command, Path workDir, Map<String, String> env, Path logDir) {
        try {
            Path out = Files.createTempFile(logDir, "stdout-", ".txt");
            Path err = Files.createTempFile(logDir, "stderr-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            Map<String, String> environment = builder.environment();
            environment
                    .keySet()
                    .removeIf(key -> key.startsWith("AGGREGATOR_")
                            || key.equals("SERVER_PORT")
                            || key.equals("PORT")
                            || key.equals("COUNTY_WATCH_ENV")
                            || key.equals("JAVA_OPTS"));
            Path javaHome = Path.of(System.getProperty("java.home"));
            environment.put("JAVA_HOME", javaHome.toString());
            environment.put("PATH", javaHome.resolve("bin") + ":" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
            environment.putAll(env);
            return new OperatorProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /** The java launcher of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits for the process to end (killing it after {@code minutes}) and returns its exit status. */
    public int waitFor(int minutes) throws InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("still running after " + minutes + " min; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** SIGTERM, as systemd or Ctrl-C stop it, then waits for the end; returns the exit status. */
    public int stop(int minutes) throws InterruptedException {
        process.destroy();
        return waitFor(minutes);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static void stopServer(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).ifPresent(server -> {
                server.destroy(); // SIGTERM: PostgreSQL's smart shutdown
                server.onExit().orTimeout(60, TimeUnit.SECONDS).join();
            });
        } catch (IOException | RuntimeException gone) {
            // no server, or it ended meanwhile
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /**
     * An empty folder under {@code target/} that the embedded PostgreSQL's account ({@code nobody} when the tests
     * run as root) can traverse; {@code Files.createTempDirectory} alone makes it private (mode 700).
     */
    public static Path emptyFolder(String prefix) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), prefix)
                    .toAbsolutePath();
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes {@code dir} and everything in it; an embedded PostgreSQL a failed test left running in a data
     * directory inside it is stopped first (its pid is the first line of {@code postmaster.pid}).
     */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> pidFiles = Files.walk(dir).filter(p -> p.endsWith("postmaster.pid"))) {
            for (Path pidFile : pidFiles.toList()) {
                stopServer(pidFile);
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
