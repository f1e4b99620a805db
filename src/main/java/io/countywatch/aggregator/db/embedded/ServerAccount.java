package io.countywatch.aggregator.db.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The operating-system account PostgreSQL runs as: the JVM's own, or {@code nobody} when the JVM is root,
 * because initdb and postgres refuse to run as root.
 */
record ServerAccount(String user, String group, List<String> prefix) {

    static final String UNPRIVILEGED = "nobody";
    private static final Duration QUICK = Duration.ofSeconds(10);
    private static final Path NEUTRAL_DIR = Path.of("/");

    ServerAccount {
        prefix = List.copyOf(prefix);
    }

    static ServerAccount detect() {
        if (!JvmUser.isRoot()) {
            return new ServerAccount(System.getProperty("user.name"), null, List.of());
        }
        String group = query("id", "-gn", UNPRIVILEGED);
        if (group == null) {
            throw new LocalPostgresException("running as root, PostgreSQL must run as user " + UNPRIVILEGED
                    + ", but this system has no such account; create it or run the service as a normal user");
        }
        return new ServerAccount(UNPRIVILEGED, group, switchCommand(group));
    }

    /** True when commands run as another account than the JVM's, so files must be handed over to it. */
    boolean switched() {
        return !prefix.isEmpty();
    }

    List<String> command(List<String> args) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(args);
        return full;
    }

    /** Whether this account can reach {@code dir}: search permission on it and every folder above it. */
    boolean canReach(Path dir) {
        if (!switched()) {
            return Files.isDirectory(dir) && Files.isExecutable(dir);
        }
        // Asking the account itself honours ACLs and group membership that a mode-bit check would miss.
        return CommandRunner.run(
                        command(List.of("test", "-d", dir.toString(), "-a", "-x", dir.toString())), NEUTRAL_DIR, QUICK)
                .succeeded();
    }

    /** Gives a file or folder we created to this account; a no-op when nobody else is involved. */
    void takeOver(Path path) {
        if (!switched()) {
            return;
        }
        try {
            UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
            PosixFileAttributeView view =
                    Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            view.setOwner(lookup.lookupPrincipalByName(user));
            view.setGroup(lookup.lookupPrincipalByGroupName(group));
        } catch (IOException e) {
            throw new LocalPostgresException("could not hand " + path + " to user " + user + ": " + e, e);
        }
    }

    boolean owns(Path path) {
        try {
            if (!switched()) {
                return JvmUser.owns(path);
            }
            return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName().equals(user);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> switchCommand(String group) {
        if (onPath("runuser")) {
            return List.of("runuser", "-u", UNPRIVILEGED, "--");
        }
        if (onPath("setpriv")) {
            return List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=" + group, "--clear-groups", "--");
        }
        throw new LocalPostgresException("running as root, PostgreSQL must run as user " + UNPRIVILEGED
                + ", but neither runuser nor setpriv (util-linux) is installed; install util-linux or run the"
                + " service as a normal user");
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String query(String... command) {
        CommandRunner.CommandResult result = CommandRunner.run(List.of(command), NEUTRAL_DIR, QUICK);
        return result.succeeded() ? result.output().strip() : null;
    }
}
