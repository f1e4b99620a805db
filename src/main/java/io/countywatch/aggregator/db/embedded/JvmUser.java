package io.countywatch.aggregator.db.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.OptionalInt;

/** Who the JVM runs as, which decides who may own and run PostgreSQL's files. */
final class JvmUser {

    private JvmUser() {}

    static boolean isRoot() {
        OptionalInt uid = effectiveUid();
        return uid.isPresent() ? uid.getAsInt() == 0 : "root".equals(System.getProperty("user.name"));
    }

    /** Whether the JVM's own account owns {@code path}, judged by uid rather than by (possibly missing) names. */
    static boolean owns(Path path) throws IOException {
        OptionalInt uid = effectiveUid();
        if (uid.isPresent()) {
            return ((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)) == uid.getAsInt();
        }
        return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
    }

    // The effective uid is what the kernel checks; user.name only echoes the environment and can lie under su.
    private static OptionalInt effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return OptionalInt.of(Integer.parseInt(ids[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc: callers fall back to user.name, the best remaining hint.
        }
        return OptionalInt.empty();
    }
}
