package io.countywatch.aggregator.support;

import io.countywatch.aggregator.AggregatorApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The whole service in a JVM of its own (the test JVM's classpath, {@link AggregatorApplication}), so a test can
 * {@code kill -9} it. Its output goes to a log file the test can read.
 */
public final class ChildService implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ChildService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the service on a free port with {@code settings} such as {@code --aggregator.sources=…}; its output goes
     * to {@code log}, its temporary files to {@code tmp} beside it (shared by every child there: the PostgreSQL
     * binaries unpacked in it must be the same for a second child to recognise the server of the first).
     */
    public static ChildService start(Path log, String... settings) throws IOException {
        Path scratch = Files.createDirectories(log.resolveSibling("tmp"));
        int port = freePort();
        // Failsafe runs tests from a manifest-only jar; it names the real classpath in this property.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                // a kill -9 skips every cleanup: no perf-data file in /tmp, Netty's native library and other temp
                // files in a folder of the test's own
                "-XX:-UsePerfData",
                "-Djava.io.tmpdir=" + scratch.toAbsolutePath(),
                "-Dio.netty.native.workdir=" + scratch.toAbsolutePath(),
                "-cp",
                classpath,
                AggregatorApplication.class.getName(),
                "--server.port=" + port));
        command.addAll(Arrays.asList(settings));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ChildService(process, port, log);
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The health status, or "unreachable" while nothing answers. */
    public String health() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body().contains("\"status\":\"UP\"") ? "UP" : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is stopped. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, and waits for the service to shut down cleanly. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
