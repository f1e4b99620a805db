package io.countywatch.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.item.DateOrigin;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.poll.Ingestion;
import io.countywatch.aggregator.store.items.NewItem;
import io.countywatch.aggregator.store.items.StoreOutcome;
import io.countywatch.aggregator.support.FixtureWeb;
import io.countywatch.aggregator.support.LiveItems;
import io.countywatch.aggregator.support.ServiceApi;
import io.countywatch.aggregator.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The item JSON of the contract, as one reviewed file: {@code fixtures/json/item.json} is what {@code /api/items}
 * answers for a known item (a story with content, tags and a repost elsewhere), field for field. A renamed,
 * added, dropped or re-typed field, or a time in another offset, fails here and shows in review as a change of
 * that file. Only the id is random; it must be a UUID.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ItemJsonGoldenIT {

    static final String GOLDEN = "fixtures/json/item.json";
    static final String URL = "http://127.0.0.1:9/anlu/art/2026/11/29/1.html";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "item_json");
        registry.add("aggregator.polling.enabled", () -> "false");
    }

    @Test
    void anItemInApiItemsIsTheGoldenItemJson() {
        new LiveItems(context).source("anlu", "安陆市人民政府", "hubei", "xiaogan").source("xiaogan-news", "孝感新闻网", "hubei");
        Ingestion ingestion = Ingestion.of(context);
        StoreOutcome first = ingestion.store(item("anlu", URL, "安陆市推进城乡供水一体化", "2026-11-29T02:00:00Z"));
        StoreOutcome repost = ingestion.store(item(
                "xiaogan-news",
                "http://127.0.0.1:9/xiaogan-news/2026-11/29/2.html",
                "转载：安陆市推进城乡供水一体化",
                "2026-11-29T03:15:00Z"));
        assertThat(first).isInstanceOf(StoreOutcome.Inserted.class);
        assertThat(repost).isNotInstanceOf(StoreOutcome.Inserted.class);

        JsonMapper json = JsonMapper.builder().build();
        JsonNode items = json.readTree(ServiceApi.text(ServiceApi.client(port), "/api/items?source=anlu"))
                .get("items");
        assertThat(items.size()).isEqualTo(1);
        ObjectNode actual = (ObjectNode) items.get(0);
        JsonNode golden = json.readTree(new String(FixtureWeb.resource(GOLDEN), StandardCharsets.UTF_8));

        assertThat(actual.get("id").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        actual.put("id", golden.get("id").asString());
        assertThat(json.writerWithDefaultPrettyPrinter().writeValueAsString(actual))
                .as("/api/items differs from %s", GOLDEN)
                .isEqualTo(json.writerWithDefaultPrettyPrinter().writeValueAsString(golden));
    }

    static NewItem item(String source, String url, String title, String fetchedAt) {
        return new NewItem(
                source,
                new ExtractedItem(
                        null,
                        url,
                        title,
                        "安陆市城乡供水一体化工程全面完工，供水管网延伸到全市所有行政村，惠及农村群众二十余万人。",
                        "<p>安陆市城乡供水一体化工程全面完工，供水管网延伸到全市所有行政村，惠及农村群众二十余万人。</p>",
                        OffsetDateTime.of(2026, 11, 29, 9, 30, 0, 0, ZoneOffset.ofHours(8)),
                        true),
                DateOrigin.SOURCE,
                Instant.parse(fetchedAt),
                null);
    }
}
