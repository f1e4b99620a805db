package io.countywatch.aggregator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RobotsTxtTest {

    static final String ROBOTS = """
            # 县政府网站
            User-agent: *
            Disallow: /admin/
            Disallow: /search
            Allow: /admin/public/
            Disallow: /*.pdf$

            User-agent: BadBot
            User-agent: countywatchaggregator
            Disallow: /xxgk/
            Allow: /xxgk/gzdt/

            User-agent: Other
            Disallow: /
            """;

    static final String UA = "CountyWatchAggregator/0.1 (+https://github.com/countywatch/aggregator)";

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
        // our own group wins over '*', so '*' rules no longer apply to us
        "'" + UA + "', /xxgk/index.html,       false",
        "'" + UA + "', /xxgk/gzdt/1.html,      true",
        "'" + UA + "', /admin/x.html,          true",
        // everyone else gets '*'
        "Mozilla/5.0,  /admin/x.html,          false",
        "Mozilla/5.0,  /admin/public/x.html,   true",
        "Mozilla/5.0,  /search?q=1,            false",
        "Mozilla/5.0,  /searching,             false",
        "Mozilla/5.0,  /files/a.pdf,           false",
        "Mozilla/5.0,  /files/a.pdf?x=1,       true",
        "Mozilla/5.0,  /xxgk/index.html,       true",
        "OtherBot/2.0, /anything,              false",
    })
    void followsTheLongestMatchInTheBestGroup(String userAgent, String path, boolean allowed) {
        assertThat(RobotsTxt.parse(ROBOTS).allows(userAgent, path)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({"''", "'User-agent: *\nDisallow:'", "'garbage without colons'", "'Disallow: /\n'"})
    void anEmptyOrMeaninglessFileAllowsEverything(String text) {
        assertThat(RobotsTxt.parse(text).allows(UA, "/xxgk/1.html")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"/a/b,/a/b,true", "/a/b,/a,true", "/a,/a/b,false"})
    void aTieGoesToAllowOtherwiseTheLongerRuleWins(String allow, String disallow, boolean allowed) {
        String text = "User-agent: *\nDisallow: " + disallow + "\nAllow: " + allow + "\n";
        assertThat(RobotsTxt.parse(text).allows(UA, "/a/b")).isEqualTo(allowed);
    }
}
