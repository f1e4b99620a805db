package io.countywatch.aggregator.web;

import io.countywatch.aggregator.support.TempFolders;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and its chromedriver. Where they are not installed the browser test is skipped,
 * saying which packages to install; CI installs them.
 */
final class Chromium {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private Chromium() {}

    /** A browser whose language (navigator.languages, Accept-Language) is {@code language}, e.g. "zh-CN" or "en-US". */
    static ChromeDriver start(String language) throws IOException {
        String browser = firstExisting(BROWSERS);
        String driver = firstExisting(DRIVERS);
        Assumptions.assumeTrue(
                browser != null && driver != null,
                "no chromium/chromedriver on this machine: install them with `apt-get install -y chromium chromium-driver`"
                        + " to run the dashboard browser test");
        Path profile = TempFolders.create("dashboard-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--lang=" + language,
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver))
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().window().setSize(new Dimension(1280, 900));
        return chrome;
    }

    private static String firstExisting(List<String> paths) {
        return paths.stream().filter(p -> new File(p).canExecute()).findFirst().orElse(null);
    }
}
