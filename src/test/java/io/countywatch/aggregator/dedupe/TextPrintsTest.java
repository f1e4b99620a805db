package io.countywatch.aggregator.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.item.ExtractedItem;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextPrintsTest {

    private static final String BODY =
            "<p>9月5日，孝昌县召开秋季森林防火工作部署会，副县长王志强出席会议并讲话。</p>" + "<p>会议通报了今年以来全县森林火情监测情况，共出动巡护人员320人次，清理林下可燃物150亩。</p>";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            转载：孝昌县召开秋季森林防火工作部署会              | 孝昌县召开秋季森林防火工作部署会
            【工作动态】孝昌县召开秋季森林防火工作部署会        | 孝昌县召开秋季森林防火工作部署会
            孝昌县召开秋季森林防火工作部署会_孝感新闻网          | 孝昌县召开秋季森林防火工作部署会
            孝昌县召开秋季森林防火工作部署会 - 湖北日报网       | 孝昌县召开秋季森林防火工作部署会
            [转载]孝昌县召开秋季森林防火工作部署会（转载）      | 孝昌县召开秋季森林防火工作部署会
            青山市2023年1—8月国民经济运行情况                   | 青山市2023年1—8月国民经济运行情况
            """)
    void stripsRepublishersPrefixesAndSuffixesFromTitles(String title, String expected) {
        assertThat(TitleAffixes.strip(TextNormalizer.nfkc(title))).isEqualTo(TextNormalizer.nfkc(expected));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            云溪县2023年8月生活饮用水水质信息公布     | y:2023 m:8
            青山市2023年1—8月国民经济运行情况          | y:2023 m:1-8
            关于开展第3期干部培训的通知                 | no期:3
            2023年第三季度财政预算执行情况              | y:2023 no季:三
            十二月份工作简报                            | m:12
            发布于2023-09-05，共120人参加              | y:2023 m:9 d:5 n:120
            第1栏目 第0条                               | n:1 n:0
            第0栏目 第1条                               | n:0 n:1
            2023年第12期 第3号                          | y:2023 no期:12 no号:3
            共3人，9月5日至9月7日，再次3人              | n:3 m:9 d:5 m:9 d:7 n:3
            """)
    void extractsPeriodTokensInTextOrder(String text, String tokens) {
        assertThat(String.join(" ", PeriodTokens.of(text))).isEqualTo(tokens);
    }

    @ParameterizedTest(name = "[{index}] {0} vs {1}")
    // quoted: a text block line starting with # would be a comment
    @CsvSource(delimiter = '|', textBlock = """
            '# y:2023 m:8'      | '# y:2023 m:9'      | true
            '# y:2023 m:8'      | '# m:8'             | false
            '# m:8'             | '# m:8 m:9'         | false
            '# n:120'           | '# n:121'           | true
            ''                  | '# m:9'             | false
            '# n:1 n:0'         | '# n:0 n:1'         | true
            '# n:1 n:0'         | '# n:1 n:0'         | false
            '# n:1 n:1'         | '# n:1 n:0'         | true
            '# n:3 n:1 n:0'     | '# n:1 n:0'         | false
            '# n:1 n:0'         | '# n:1 n:7 n:0 n:5' | false
            '# n:3 n:12'        | '# n:12 n:3'        | true
            'y:2023 m:8'        | 'y:2023 m:9'        | true
            'n:0 n:1'           | '# n:1 n:0'         | false
            'n:0 n:1'           | 'n:0 n:1'           | false
            """)
    void periodTokensConflictWhenNeitherKindIsASubsequenceOfTheOther(String left, String right, boolean conflict) {
        assertThat(PeriodTokens.conflict(left.strip(), right.strip())).isEqualTo(conflict);
    }

    @org.junit.jupiter.api.Test
    void numbersCutAtTheLimitStillAgreeWhenACopyAddedSomeEarly() {
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            table.append("第").append(i).append("行数值").append(1000 + i * 7).append("；");
        }
        String original = PeriodTokens.join(PeriodTokens.of(table.toString()));
        String copy = PeriodTokens.join(PeriodTokens.of("2023年9月5日 阅读 321 次 " + table));
        String shuffled = PeriodTokens.join(PeriodTokens.of(table.toString().replace("第0行数值1000", "第1000行数值0")));
        assertThat(PeriodTokens.conflict(original, copy)).isFalse();
        assertThat(PeriodTokens.conflict(copy, original)).isFalse();
        assertThat(PeriodTokens.conflict(original, shuffled)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void fullWidthSpacingPunctuationAndBoilerplateDoNotChangeTheFingerprint() {
        String farm = "<p>Admin - admin 于2022年01月19日发表</p><p>孝昌县召开秋季森林防火工作部署会</p>"
                + BODY.replace("，", ", ").replace("320", "３２０").replace("。", "。 \n ")
                + "<p>来源：县融媒体中心</p><p>本文章内容来源于网络公开内容,仅供参考!</p>";
        TextPrint original = print("孝昌县召开秋季森林防火工作部署会", BODY);
        TextPrint copy = print("转载：孝昌县召开秋季森林防火工作部署会_孝感新闻网", farm);
        assertThat(copy.fingerprint()).isEqualTo(original.fingerprint());
        assertThat(copy.titleKey()).isEqualTo(original.titleKey());
        assertThat(copy.bandKeys()).isEqualTo(original.bandKeys()).hasSize(SimHash.BANDS);
    }

    @org.junit.jupiter.api.Test
    void shortBodiesHaveNoBandsAndAFingerprintOfTitleAndBody() {
        TextPrint a = print("关于公布第一批行政许可事项清单的通知", "<p>详见附件。</p>");
        TextPrint b = print("关于公布第二批行政许可事项清单的通知", "<p>详见附件。</p>");
        assertThat(a.bandKeys()).isEmpty();
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }

    static TextPrint print(String title, String html) {
        return TextPrints.of(new ExtractedItem(
                null,
                "http://x.gov.cn/1.html",
                title,
                null,
                html,
                OffsetDateTime.parse("2023-09-05T10:00:00+08:00"),
                true));
    }
}
