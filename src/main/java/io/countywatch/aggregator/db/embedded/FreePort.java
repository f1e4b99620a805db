package io.countywatch.aggregator.db.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A TCP port on the loopback address that was free a moment ago; callers retry if another process wins the race. */
final class FreePort {

    private FreePort() {}

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(PostgresControl.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalPostgresException("could not find a free TCP port on " + PostgresControl.HOST + ": " + e, e);
        }
    }
}
