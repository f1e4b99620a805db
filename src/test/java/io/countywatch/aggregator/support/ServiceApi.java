package io.countywatch.aggregator.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service's JSON API as the end-to-end tests read it: a client on the running port and typed reads. */
public final class ServiceApi {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private ServiceApi() {}

    /** A client of the service under test on 127.0.0.1. */
    public static WebTestClient client(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The JSON object at {@code uri}, which must answer 200. */
    public static Map<String, Object> json(WebTestClient client, String uri) {
        return client.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    /** The body at {@code uri} as text, which must answer 200. */
    public static String text(WebTestClient client, String uri) {
        return okText(client.get().uri(uri));
    }

    /** The body of an admin request (with the admin token) as text, which must answer 200. */
    public static String adminText(
            WebTestClient client, org.springframework.http.HttpMethod method, String uri, String token) {
        return okText(client.method(method).uri(uri).header("Authorization", "Bearer " + token));
    }

    private static String okText(WebTestClient.RequestHeadersSpec<?> request) {
        return request.exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /** The JSON object at an admin {@code uri}, read with the admin token; it must answer 200. */
    public static Map<String, Object> adminJson(WebTestClient client, String uri, String token) {
        return client.get()
                .uri(uri)
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    /** {@code /api/items} with a query such as {@code ?limit=100&source=x}: its items. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> items(WebTestClient client, String query) {
        return (List<Map<String, Object>>) json(client, "/api/items" + query).get("items");
    }

    /** {@code /api/sources}: its list of sources. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> sources(WebTestClient client) {
        return (List<Map<String, Object>>) json(client, "/api/sources").get("sources");
    }
}
