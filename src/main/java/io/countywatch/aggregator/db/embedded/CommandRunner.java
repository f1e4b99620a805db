package io.countywatch.aggregator.db.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one short-lived command (initdb, pg_ctl, id, test) to completion and captures what it printed. */
final class CommandRunner {

    private CommandRunner() {}

    static CommandResult run(List<String> command, Path workDir, Duration timeout) {
        Path capture = null;
        try {
            // Output goes to a file, not a pipe: the postmaster pg_ctl spawns must never hold our pipe open,
            // and a file needs no reader thread.
            capture = Files.createTempFile("aggregator-pg-cmd", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(capture.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            // Stray PGPORT/PGDATA/PGHOST from the caller's shell would silently redirect pg_ctl.
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                String output = "timed out after " + timeout.toSeconds() + " s\n" + read(capture);
                return new CommandResult(command, -1, output);
            }
            return new CommandResult(command, process.exitValue(), read(capture));
        } catch (IOException e) {
            throw new LocalPostgresException("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalPostgresException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (capture != null) {
                capture.toFile().delete();
            }
        }
    }

    private static String read(Path capture) throws IOException {
        return Files.readString(capture, StandardCharsets.UTF_8);
    }

    /** What a finished command returned and printed (stdout and stderr interleaved). */
    record CommandResult(List<String> command, int exitCode, String output) {

        boolean succeeded() {
            return exitCode == 0;
        }

        String describe() {
            return String.join(" ", command) + " exited with " + exitCode + ":\n" + LogTail.lastLines(output, 20);
        }
    }
}
