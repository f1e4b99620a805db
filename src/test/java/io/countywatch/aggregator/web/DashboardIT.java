package io.countywatch.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.support.LiveItems;
import io.countywatch.aggregator.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in a real headless Chromium: live items appear without a reload, scraped text stays text,
 * filters narrow the list and land in the URL, failing sources stand out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String SEED_ANLU = "安陆市召开2026年冬季森林防火工作部署会";
    static final String SEED_LILING = "醴陵市陶瓷产业发展座谈会召开";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    ChromeDriver browser;
    LiveItems items;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "dashboard");
        registry.add("aggregator.polling.enabled", () -> "false");
    }

    @BeforeEach
    void open() throws IOException {
        browser = Chromium.start();
        items = new LiveItems(context)
                .source("anlu", "安陆市人民政府", "hubei", "xiaogan")
                .source("liling", "醴陵市人民政府", "hunan")
                .source("hostile", "恶意测试站", "test");
        items.db().sql("""
                UPDATE source SET last_poll_at = now(), consecutive_failures = 4, last_error_at = now(),
                       last_error = 'fetch liling: HTTP 503, retry after 120 s' WHERE id = 'liling'""").then().block(WAIT);
        items.db()
                .sql(
                        "UPDATE source SET last_poll_at = now(), last_success_at = now(), last_items_found = 12 WHERE id = 'anlu'")
                .then()
                .block(WAIT);
        // fixed URLs: stored again before each test, they stay two unchanged items
        items.store("anlu", "http://127.0.0.1:9/anlu/seed.html", SEED_ANLU, "森林防火");
        items.store("liling", "http://127.0.0.1:9/liling/seed.html", SEED_LILING, "陶瓷产业");
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    // read in one script call: the list is re-rendered live, so elements found one call earlier may be gone
    @SuppressWarnings("unchecked")
    List<String> titles() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#items .item-title')].map(e => e.textContent);");
    }

    void awaitLive() {
        await().atMost(WAIT)
                .until(() -> "live".equals(browser.findElement(By.id("state")).getText()));
    }

    @Test
    void showsNewItemsLiveWithoutReloadAndHighlightsFailingSources() throws IOException {
        browser.get("http://127.0.0.1:" + port + "/");
        awaitLive();
        await().atMost(WAIT).until(() -> titles().containsAll(List.of(SEED_ANLU, SEED_LILING)));
        browser.executeScript("window.sameDocument = true;");

        items.store("anlu", "安陆市冬季征兵工作动员会议");
        await().atMost(WAIT).until(() -> titles().contains("安陆市冬季征兵工作动员会议"));
        assertThat(titles().get(0)).isEqualTo("安陆市冬季征兵工作动员会议");
        assertThat(browser.executeScript("return window.sameDocument === true;"))
                .isEqualTo(true);

        items.store("anlu", "http://127.0.0.1:9/anlu/fix.html", "安陆市农村公路养护通告", "初稿");
        items.store("anlu", "http://127.0.0.1:9/anlu/fix.html", "安陆市农村公路养护通告（更正）", "更正稿");
        await().atMost(WAIT).until(() -> titles().contains("安陆市农村公路养护通告（更正）"));
        assertThat(titles()).doesNotContain("安陆市农村公路养护通告");
        assertThat(browser.findElements(By.cssSelector("#items .badge-update"))).hasSize(1);

        // the panel is re-rendered every 30 s: read each entry in one script call
        assertThat(sourceEntry("failing"))
                .contains("bad")
                .contains("醴陵市人民政府")
                .contains("fetch liling: HTTP 503")
                .contains("last failure " + shanghaiClock("last_error_at", "liling"));
        assertThat(sourceEntry("ok"))
                .doesNotContain("bad")
                .contains("安陆市人民政府")
                .contains("last ok " + shanghaiClock("last_success_at", "anlu"));
        assertThat(browser.findElements(By.cssSelector("link[rel=alternate]")))
                .extracting(link -> link.getAttribute("type"))
                .containsExactly("application/atom+xml", "application/rss+xml", "application/feed+json");

        screenshot("dashboard.png");
        browser.manage().window().setSize(new Dimension(390, 844));
        screenshot("dashboard-phone.png");
    }

    @Test
    void showsItemAndSourceTimesOnTheSourcesClockWithItsOffset() {
        browser.get("http://127.0.0.1:" + port + "/");
        awaitLive();
        await().atMost(WAIT).until(() -> titles().contains(SEED_ANLU));
        // the panel may still be loading: until then there is no entry to read
        await().atMost(WAIT).ignoreExceptions().until(() -> !sourceEntry("ok").isBlank());

        // the seed was published at 09:30 Beijing time, the site's own clock, whatever the browser's zone
        assertThat(itemTime(SEED_ANLU)).isEqualTo("2026-11-29 09:30 UTC+8");
        assertThat(sourceEntry("ok")).contains("last ok " + shanghaiClock("last_success_at", "anlu"));
        // no time on the page is unlabelled or on another clock (every source here is in Asia/Shanghai)
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>)
                browser.executeScript("return [...document.querySelectorAll('main time')].map(e => e.textContent);");
        assertThat(shown).isNotEmpty().allMatch(text -> text.endsWith(" UTC+8"));
    }

    @Test
    void showsAScriptTitleAsText() {
        browser.get("http://127.0.0.1:" + port + "/");
        awaitLive();
        items.store(
                "hostile",
                "http://127.0.0.1:9/hostile/x.html",
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(2)>");
        await().atMost(WAIT).until(() -> titles().contains("<script>alert(1)</script>"));
        assertThat(browser.findElements(By.cssSelector("#items script, #items img")))
                .isEmpty();
        assertThat(browser.findElement(By.cssSelector("#items .item-summary")).getText())
                .isEqualTo("<img src=x onerror=alert(2)>");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void filtersNarrowTheListAndTheLiveStreamAndLandInTheUrl() {
        browser.get("http://127.0.0.1:" + port + "/");
        awaitLive();
        await().atMost(WAIT).until(() -> titles().containsAll(List.of(SEED_ANLU, SEED_LILING)));

        await().atMost(WAIT)
                .until(() -> !browser.findElements(By.cssSelector("#filter-tag option[value=hunan]"))
                        .isEmpty());
        new Select(browser.findElement(By.id("filter-tag"))).selectByValue("hunan");
        await().atMost(WAIT).until(() -> titles().equals(List.of(SEED_LILING)));
        assertThat(browser.getCurrentUrl()).endsWith("/?tag=hunan");
        awaitLive();
        items.store("anlu", "安陆市不应出现在湖南列表");
        items.store("liling", "醴陵市烟花爆竹安全检查");
        await().atMost(WAIT).until(() -> titles().size() == 2);
        assertThat(titles()).containsExactly("醴陵市烟花爆竹安全检查", SEED_LILING);

        browser.findElement(By.id("filter-q")).sendKeys("烟花");
        await().atMost(WAIT).until(() -> titles().equals(List.of("醴陵市烟花爆竹安全检查")));
        assertThat(browser.getCurrentUrl()).contains("tag=hunan").contains("q=");

        // a fresh page with the filters in its URL starts filtered
        browser.get("http://127.0.0.1:" + port + "/?source=anlu");
        awaitLive();
        await().atMost(WAIT).until(() -> titles().contains(SEED_ANLU));
        assertThat(titles()).allMatch(t -> t.startsWith("安陆市")).contains("安陆市不应出现在湖南列表");
        assertThat(new Select(browser.findElement(By.id("filter-source")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("anlu");
    }

    /** The text of the time of the item with this title. */
    String itemTime(String title) {
        return (String) browser.executeScript(
                "const li = [...document.querySelectorAll('#items .item')]"
                        + ".find(e => e.querySelector('.item-title').textContent === arguments[0]);"
                        + "return li.querySelector('.item-time').textContent;",
                title);
    }

    /** A source's time column as the dashboard should show it: Beijing wall-clock time, labelled. */
    String shanghaiClock(String column, String sourceId) {
        OffsetDateTime value = items.db()
                .sql("SELECT " + column + " AS t FROM source WHERE id = :id")
                .bind("id", sourceId)
                .map(row -> row.get("t", OffsetDateTime.class))
                .one()
                .block(WAIT);
        return value.atZoneSameInstant(ZoneId.of("Asia/Shanghai"))
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
                + " UTC+8";
    }

    /** The class and text of the source entry with this status. */
    String sourceEntry(String status) {
        return (String) browser.executeScript(
                "const li = document.querySelector(\"#sources li[data-status='\" + arguments[0] + \"']\");"
                        + "return li.className + ' ' + li.textContent;",
                status);
    }

    void screenshot(String name) throws IOException {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
    }
}
