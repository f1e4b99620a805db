package io.countywatch.aggregator.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** What every command shares: its result on standard output alone, and an exit with a status. */
final class CommandOutput {

    private CommandOutput() {}

    // PreviewApplication points System.out at stderr so that logs never reach stdout; the result goes to fd 1.
    static PrintStream standardOutput() {
        return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

    static void exit(ConfigurableApplicationContext context, int status, String command) {
        // Closing the context from one of its own reactor threads would wait on itself: exit from a fresh thread.
        // Not a daemon (as a thread made on a reactor thread would be): closing the context ends the keep-alive
        // thread, and with only daemons left the JVM would end with status 0 before System.exit(status) ran.
        Thread exit = new Thread(() -> System.exit(SpringApplication.exit(context, () -> status)), command + "-exit");
        exit.setDaemon(false);
        exit.start();
    }
}
