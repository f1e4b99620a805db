package io.countywatch.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countywatch.aggregator.AggregatorApplication;
import io.countywatch.aggregator.support.TestDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A taken HTTP port stops the start with a report that names the settings choosing another one. */
@ExtendWith(OutputCaptureExtension.class)
class PortInUseIT {

    @Test
    void aTakenPortIsReportedWithTheVariableAndFlagThatChooseAnother(CapturedOutput output) throws Exception {
        String database = TestDatabase.freshDatabase("port_in_use");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();

            // not ServiceInstance.start, which asks for a free port
            assertThatThrownBy(() -> new SpringApplicationBuilder(AggregatorApplication.class)
                            .run(
                                    "--server.port=" + port,
                                    "--aggregator.db.url=" + database,
                                    "--aggregator.db.username="
                                            + TestDatabase.server().user(),
                                    "--aggregator.polling.enabled=false"))
                    .hasStackTraceContaining("" + port);

            assertThat(output.getOut() + output.getErr())
                    .contains("APPLICATION FAILED TO START")
                    .contains("The HTTP port " + port + " is already in use")
                    .contains("SERVER_PORT=", "--server.port=", "-Dserver.port=");
        }
    }
}
