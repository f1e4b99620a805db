package io.countywatch.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.support.ServiceApi;
import io.countywatch.aggregator.support.TestDatabase;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What the actuator tells whom: health status to all, its details to the admin; every metric of ours described. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorIT {

    static final String TOKEN = "actuator-admin-token";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "actuator");
        registry.add("aggregator.polling.enabled", () -> "false");
        registry.add("aggregator.admin-token", () -> TOKEN);
    }

    String health(String path, String authorization) {
        var request = ServiceApi.client(port).get().uri(path);
        if (authorization != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return new String(
                request.exchange().expectBody().returnResult().getResponseBodyContent(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void showsHealthDetailsOnlyWithTheAdminToken() {
        // everyone: the status alone, no disk paths or free space, with or without a token
        assertThat(health("/actuator/health", null))
                .contains("\"status\":\"UP\"")
                .doesNotContain("diskSpace")
                .doesNotContain("components");
        assertThat(health("/actuator/health", "Bearer " + TOKEN)).doesNotContain("diskSpace");
        // the admin endpoint: every component and its details, for the token only
        assertThat(health("/api/admin/health", "Bearer wrong"))
                .contains("\"status\":401")
                .doesNotContain("diskSpace");
        assertThat(health("/api/admin/health", "Bearer " + TOKEN))
                .contains("\"status\":\"UP\"")
                .contains("diskSpace")
                .contains("\"path\"");
    }

    @Test
    void describesEveryMetricOfOurs() {
        String metrics = new String(
                ServiceApi.client(port)
                        .get()
                        .uri("/actuator/prometheus")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBodyContent(),
                java.nio.charset.StandardCharsets.UTF_8);
        List<String> help = Arrays.stream(metrics.split("\n"))
                .filter(line -> line.startsWith("# HELP aggregator_"))
                .toList();
        assertThat(help).anyMatch(line -> line.startsWith("# HELP aggregator_items_total "));
        // "# HELP name description": a line that ends after the name says nothing
        assertThat(help)
                .allSatisfy(line -> assertThat(line.split(" ", 4))
                        .as(line)
                        .hasSize(4)
                        .satisfies(parts -> assertThat(parts[3]).isNotBlank()));
    }
}
