package io.countywatch.aggregator.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.item.ExtractedItem;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The planner's decisions, one row per situation: what is stored, what arrives, what it decides. */
class DedupePlannerTest {

    static final String SITE = "http://www.xc.gov.cn";
    static final String ARTICLE = SITE + "/xwzx/gzdt/202610/t20261023_316950.html";
    static final List<String> PARAGRAPHS = List.of(
            "10月22日，小河镇召开秋季森林防火工作部署会，镇党委副书记、镇长刘建国出席会议并讲话。",
            "会议通报了今年以来全镇森林火情监测情况，共出动巡护人员320人次，清理林下可燃物150亩。",
            "会议强调，各村要压实属地责任，严格落实野外用火审批制度，坚决杜绝违规用火行为。",
            "会议要求，要加强扑火队伍建设和物资储备，确保一旦发生火情能够打早、打小、打了。");
    static final String FULL = html(PARAGRAPHS);
    static final String LEAD = html(PARAGRAPHS.subList(0, 2));
    static final String TITLE = "小河镇召开秋季森林防火工作部署会";
    static final String REPORT =
            "<p>根据《生活饮用水卫生标准》要求，县疾控中心于2026年%d月对城区出厂水和末梢水开展了水质监测，" + "本月共采集水样24份，检测指标42项，各项指标均符合国家标准。</p>";

    static String html(List<String> paragraphs) {
        return paragraphs.stream().map(p -> "<p>" + p + "</p>").reduce("", String::concat);
    }

    static ExtractedItem item(String url, String title, String body) {
        return new ExtractedItem(null, url, title, null, body, OffsetDateTime.parse("2026-10-23T09:30:00+08:00"), true);
    }

    static Neighbour stored(long seq, String source, String url, String title, String body) {
        Candidate c = Candidate.of(source, item(url, title, body));
        return new Neighbour(
                seq,
                "id" + seq,
                source,
                url,
                null,
                false,
                c.print(),
                c.contentHash(),
                java.util.Set.copyOf(c.storedKeys()));
    }

    static Candidate arriving(String source, String url, String title, String body) {
        return Candidate.of(source, item(url, title, body));
    }

    static Stream<Arguments> situations() {
        return Stream.of(
                Arguments.of(
                        "the same canonical URL from another source",
                        List.of(stored(1, "rss", ARTICLE, TITLE, FULL)),
                        arriving("column", ARTICLE, TITLE, FULL),
                        "merge 1 URL title=false text=false"),
                Arguments.of(
                        "the own source gives the same text again",
                        List.of(stored(1, "rss", ARTICLE, TITLE, FULL)),
                        arriving("rss", ARTICLE, TITLE, FULL),
                        "unchanged 1 URL"),
                Arguments.of(
                        "the own source corrects the headline",
                        List.of(stored(1, "column", ARTICLE, TITLE, FULL)),
                        arriving("column", ARTICLE, "小河镇召开2026年秋季森林防火工作部署会", FULL),
                        "update 1 URL title=true text=false"),
                Arguments.of(
                        "the own source's cut summary of what another source completed",
                        List.of(stored(1, "rss", ARTICLE, TITLE, FULL)),
                        arriving("rss", ARTICLE, "小河镇召开秋季森林防火工作…", LEAD),
                        "unchanged 1 URL"),
                Arguments.of(
                        "another source brings the whole title and text at the same URL",
                        List.of(stored(1, "rss", ARTICLE, "小河镇召开秋季森林防火工作…", LEAD)),
                        arriving("column", ARTICLE, TITLE, FULL),
                        "merge 1 URL title=true text=true"),
                Arguments.of(
                        "a summary-only repost elsewhere under a decorated title",
                        List.of(stored(1, "column", ARTICLE, TITLE, FULL)),
                        arriving("daily", "http://www.xgrb.cn/html/content_88123.htm", TITLE + "_孝感日报", LEAD),
                        "merge 1 SUMMARY title=false text=false"),
                Arguments.of(
                        "the full article after its summary-only copy",
                        List.of(stored(1, "daily", "http://www.xgrb.cn/html/content_88123.htm", TITLE, LEAD)),
                        arriving("column", ARTICLE, TITLE, FULL),
                        "merge 1 SUMMARY title=false text=true"),
                Arguments.of(
                        "the same site's article id under another address, without its text",
                        List.of(stored(1, "column", ARTICLE, TITLE, FULL)),
                        arriving("home", SITE + "/art/316950", TITLE, null),
                        "merge 1 ALIAS title=false text=false"),
                Arguments.of(
                        "the same article id on another site",
                        List.of(stored(1, "column", ARTICLE, TITLE, FULL)),
                        arriving("home", "http://www.yc.gov.cn/art/316950", "云梦县召开秋季森林防火工作部署会", null),
                        "insert 0"),
                Arguments.of(
                        "next month's report under the same title",
                        List.of(stored(1, "cdc", SITE + "/tzgg/1.html", "孝昌县生活饮用水水质信息公布", REPORT.formatted(8))),
                        arriving("cdc", SITE + "/tzgg/2.html", "孝昌县生活饮用水水质信息公布", REPORT.formatted(9)),
                        "insert 0"),
                Arguments.of(
                        "a GUID the source stored under another URL",
                        List.of(FromPrints.neighbour(
                                1,
                                "id1",
                                "rss",
                                ARTICLE,
                                "guid-7",
                                false,
                                Candidate.of("rss", item(ARTICLE, TITLE, FULL)).print())),
                        new Candidate(
                                "rss",
                                ARTICLE + "?x=1",
                                "guid-7",
                                Candidate.of("rss", item(ARTICLE, TITLE, FULL)).print(),
                                Candidate.of("rss", item(ARTICLE, TITLE, FULL))
                                                .print()
                                                .fingerprint() + ":"
                                        + Candidate.of("rss", item(ARTICLE, TITLE, FULL))
                                                .print()
                                                .titleKey() + ":" + TITLE,
                                0),
                        "unchanged 1 GUID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("situations")
    void decides(String situation, List<Neighbour> neighbours, Candidate candidate, String expected) {
        assertThat(describe(DedupePlanner.plan(List.of(candidate), List.of(neighbours))
                        .get(0)))
                .isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void laterCandidatesOfABatchSeeTheEarlierOnesInsertsAndPlaces() {
        Candidate original = arriving("column", ARTICLE, TITLE, FULL);
        Candidate summary = arriving("daily", "http://www.xgrb.cn/html/content_88123.htm", TITLE + "_孝感日报", LEAD);
        List<Decision> decisions =
                DedupePlanner.plan(List.of(original, summary, summary), List.of(List.of(), List.of(), List.of()));
        assertThat(decisions.stream().map(DedupePlannerTest::describe))
                .containsExactly("insert 0", "merge -1 SUMMARY title=false text=false", "unchanged -1 URL");
    }

    static String describe(Decision decision) {
        if (decision instanceof Decision.Insert insert) {
            return "insert " + insert.slot();
        }
        if (decision instanceof Decision.Merge m) {
            return "merge " + m.ref() + " " + m.reason() + " title=" + m.take().title() + " text="
                    + m.take().text();
        }
        if (decision instanceof Decision.Update u) {
            return "update " + u.ref() + " " + u.reason() + " title=" + u.take().title() + " text="
                    + u.take().text();
        }
        Decision.Unchanged u = (Decision.Unchanged) decision;
        return "unchanged " + u.ref() + " " + u.reason();
    }
}
