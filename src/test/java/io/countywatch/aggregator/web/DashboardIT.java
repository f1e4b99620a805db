package io.countywatch.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.countywatch.aggregator.config.ReloadResult;
import io.countywatch.aggregator.config.SourceRegistry;
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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
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
 * filters narrow the list and land in the URL, failing sources stand out with their reason, removed ones stand
 * apart, an invalid sources file shows a banner, and the page speaks Chinese to a Chinese browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String SEED_ANLU = "安陆市召开2026年冬季森林防火工作部署会";
    static final String SEED_LILING = "醴陵市陶瓷产业发展座谈会召开";
    static final Path SOURCES_DIR = sourcesDir();
    static final String SOURCES = """
            sources:
              - {id: anlu, name: 安陆市人民政府, url: "http://127.0.0.1:9/anlu/", type: feed, tags: [hubei, xiaogan]}
              - {id: liling, name: 醴陵市人民政府, url: "http://127.0.0.1:9/liling/", type: feed, tags: [hunan]}
              - {id: hostile, name: 恶意测试站, url: "http://127.0.0.1:9/hostile/", type: feed, tags: [test]}
              - {id: yingcheng, name: 应城市人民政府, url: "http://127.0.0.1:9/yingcheng/", type: html, tags: [hubei]}
            """;

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
        registry.add(
                "aggregator.sources", () -> SOURCES_DIR.resolve("sources.yml").toString());
    }

    static Path sourcesDir() {
        try {
            Path dir = Files.createTempDirectory("dashboard-it");
            Files.writeString(dir.resolve("sources.yml"), SOURCES);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void deleteSources() throws IOException {
        Files.deleteIfExists(SOURCES_DIR.resolve("sources.yml"));
        Files.deleteIfExists(SOURCES_DIR);
    }

    @BeforeEach
    void open() throws IOException {
        browser = Chromium.start("en-US");
        items = new LiveItems(context)
                .source("anlu", "安陆市人民政府", "hubei", "xiaogan")
                .source("liling", "醴陵市人民政府", "hunan")
                .source("hostile", "恶意测试站", "test")
                .source("yingcheng", "应城市人民政府", "hubei")
                .source("gone", "已删除的来源", "hubei");
        // removed from the sources file long ago, failing when it was: its old error must not show as current
        items.db().sql("""
                UPDATE source SET active = false, last_poll_at = now(), consecutive_failures = 7, last_error_at = now(),
                       last_error = 'fetch gone: HTTP 404' WHERE id = 'gone'""").then().block(WAIT);
        // answers with items but without dates: unhealthy, and the badge says why
        items.db().sql("""
                UPDATE source SET last_poll_at = now(), last_success_at = now(), last_items_found = 12,
                       last_items_dated = 0, last_titles_cut = 0, last_detail_failures = 0
                WHERE id = 'yingcheng'""").then().block(WAIT);
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
    void close() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        Files.writeString(SOURCES_DIR.resolve("sources.yml"), SOURCES);
        context.getBean(SourceRegistry.class).reload();
    }

    // read in one script call: the list is re-rendered live, so elements found one call earlier may be gone
    @SuppressWarnings("unchecked")
    List<String> titles() {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#items .item-title')].map(e => e.textContent);");
    }

    void awaitLive() {
        awaitState("live");
    }

    void awaitState(String text) {
        await().atMost(WAIT)
                .until(() -> text.equals(browser.findElement(By.id("state")).getText()));
    }

    String dashboard() {
        return "http://127.0.0.1:" + port + "/";
    }

    @Test
    void saysLoadingUntilTheFirstPageIsInAndOnlyThenThatThereAreNoItems() {
        // hold every /api/items answer until the test lets it through
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.heldItems = [];
                const realFetch = window.fetch.bind(window);
                window.fetch = (url, options) => String(url).startsWith("/api/items")
                    ? new Promise(resolve => window.heldItems.push(() => resolve(realFetch(url, options))))
                    : realFetch(url, options);
                window.releaseItems = () => window.heldItems.splice(0).forEach(release => release());
                """));
        browser.get(dashboard() + "?q=" + "没有这样的关键词");
        awaitLive();
        await().atMost(WAIT).until(() -> (Long) browser.executeScript("return window.heldItems.length;") == 1);

        assertThat(browser.findElement(By.id("loading")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("loading")).getText()).isEqualTo("Loading items…");
        assertThat(browser.findElement(By.id("empty")).isDisplayed()).isFalse();

        browser.executeScript("window.releaseItems();");
        await().atMost(WAIT).until(() -> browser.findElement(By.id("empty")).isDisplayed());
        assertThat(browser.findElement(By.id("empty")).getText()).isEqualTo("No items yet for these filters.");
        assertThat(browser.findElement(By.id("loading")).isDisplayed()).isFalse();
    }

    @Test
    void setsRemovedSourcesApartAndSaysWhyEachBadgeIsShown() {
        browser.get(dashboard());
        awaitLive();
        await().atMost(WAIT)
                .ignoreExceptions()
                .until(() -> !sourceEntry("unhealthy").isBlank());

        // four sources in the file; the removed one is neither counted nor listed among them
        assertThat(browser.findElement(By.id("health-summary")).getText())
                .isEqualTo("4 sources, 1 failing, 1 with problems");
        assertThat(browser.findElements(By.cssSelector("#sources li[data-status=removed]")))
                .isEmpty();
        WebElement removed = browser.findElement(By.cssSelector("#removed-sources li[data-status=removed]"));
        assertThat(removed.getAttribute("textContent")).contains("已删除的来源").doesNotContain("HTTP 404");
        assertThat(removed.findElements(By.cssSelector(".source-error"))).isEmpty();
        assertThat(browser.findElement(By.id("removed-summary")).getText())
                .isEqualTo("1 removed source (its items stay)");

        assertThat(sourceEntry("unhealthy")).contains("应城市人民政府").contains("no dates");
        assertThat(badgeTitle("unhealthy")).isEqualTo("no dates");
        assertThat(sourceEntry("failing")).contains("fetch liling: HTTP 503, retry after 120 s");
        assertThat(badgeTitle("failing")).isEqualTo("fetch liling: HTTP 503, retry after 120 s");
    }

    @Test
    void showsABannerWhileTheSourcesFileOnDiskIsInvalid() throws IOException {
        browser.get(dashboard());
        awaitLive();
        assertThat(browser.findElement(By.id("config-banner")).isDisplayed()).isFalse();

        Files.writeString(SOURCES_DIR.resolve("sources.yml"), SOURCES + "  - {id: Bad Id, url: nowhere}\n");
        assertThat(context.getBean(SourceRegistry.class).reload()).isInstanceOf(ReloadResult.Rejected.class);
        browser.get(dashboard());
        await().atMost(WAIT)
                .until(() -> browser.findElement(By.id("config-banner")).isDisplayed());

        assertThat(browser.findElement(By.id("config-banner-text")).getText())
                .startsWith("The sources file ")
                .contains("sources.yml")
                .contains("keeps running the last valid version");
        assertThat(browser.findElement(By.id("config-errors")).getText())
                .contains("sources.yml:")
                .contains("id");
        screenshot("dashboard-stale-config.png");
    }

    @Test
    void speaksChineseToAChineseBrowserAndKeepsTheReadersChoice() throws IOException {
        browser.quit();
        browser = Chromium.start("zh-CN");
        browser.get(dashboard());
        awaitState("实时");
        await().atMost(WAIT).until(() -> titles().containsAll(List.of(SEED_ANLU, SEED_LILING)));
        await().atMost(WAIT)
                .ignoreExceptions()
                .until(() -> !sourceEntry("unhealthy").isBlank());

        assertThat(browser.executeScript("return document.documentElement.lang;"))
                .isEqualTo("zh-CN");
        assertThat(browser.findElement(By.id("news-heading")).getText()).startsWith("最新条目");
        assertThat(browser.findElement(By.id("health-summary")).getText()).isEqualTo("4 个来源，1 个失败，1 个有问题");
        assertThat(sourceEntry("unhealthy")).contains("有问题").contains("没有日期");
        assertThat(sourceEntry("failing")).contains("失败").contains("最近失败 ");
        // no word of the page's own is left in English: data (titles, names, errors, times) aside
        assertThat(untranslatedWords()).isEmpty();
        screenshot("dashboard-zh.png");

        new Select(browser.findElement(By.id("lang"))).selectByValue("en");
        awaitState("live");
        assertThat(browser.findElement(By.id("news-heading")).getText()).startsWith("Latest items");
        assertThat(sourceEntry("unhealthy")).contains("unhealthy").contains("no dates");
        // the choice outlives the page
        browser.navigate().refresh();
        awaitLive();
        assertThat(browser.executeScript("return document.documentElement.lang;"))
                .isEqualTo("en");
        assertThat(browser.findElement(By.id("filter-clear")).getText()).isEqualTo("Clear");
        screenshot("dashboard-en.png");
    }

    /** Latin words in the page's own text nodes, outside the data it shows and the names of formats. */
    @SuppressWarnings("unchecked")
    List<String> untranslatedWords() {
        return (List<String>) browser.executeScript("""
                const data = "#items, .source-name, .source-error, time, #config-errors, #lang,"
                    + " #filter-tag option:not(:first-child), #filter-source option:not(:first-child)";
                const allowed = new Set(["County", "Watch", "Atom", "RSS", "JSON", "OPML", "UTC"]);
                const words = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  if (node.parentElement.closest(data) || node.parentElement.closest("script, style")) continue;
                  for (const word of node.textContent.match(/[A-Za-z]{2,}/g) || []) {
                    if (!allowed.has(word)) words.push(word + " in " + node.parentElement.outerHTML.slice(0, 80));
                  }
                }
                for (const input of document.querySelectorAll("[placeholder]")) {
                  if (/[A-Za-z]{2,}/.test(input.placeholder)) words.push(input.placeholder);
                }
                return words;
                """);
    }

    String badgeTitle(String status) {
        return (String) browser.executeScript(
                "return document.querySelector(\"#sources li[data-status='\" + arguments[0] + \"'] .status\").title;",
                status);
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
