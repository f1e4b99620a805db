package io.countywatch.aggregator.extract.date;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishedDateParserTest {

    private final PublishedDateParser parser = new PublishedDateParser();

    // "now" is 2026-01-05 10:00 in Shanghai unless a row says otherwise; an empty expectation means no date.
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # input                                                | zone             | now                  | expected                        | hasTime
            发布时间：2023-09-09 14:17:56  来源：孝昌县融媒体中心        | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17:56+08:00        | true
            2023-09-09                                              | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T00:00+08:00           | false
            2023/9/9                                                | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T00:00+08:00           | false
            2023.09.09                                              | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T00:00+08:00           | false
            2023年9月9日                                             | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T00:00+08:00           | false
            2023年09月09日                                           | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T00:00+08:00           | false
            2023 年 9 月 9 日                                         | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T00:00+08:00           | false
            2023-09-09 14:17                                        | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17+08:00           | true
            2023/9/9 8:05                                           | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T08:05+08:00           | true
            2023.09.09 14:17:56                                     | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17:56+08:00        | true
            2023年9月9日 14:17                                       | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17+08:00           | true
            2023年09月09日14:17:56                                   | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17:56+08:00        | true
            2023年9月9日 14时17分                                     | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17+08:00           | true
            2023年9月9日 14时17分56秒                                  | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17:56+08:00        | true
            2023-09-09 14时17分                                      | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17+08:00           | true
            发布日期:2023-09-09                                      | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T00:00+08:00           | false
            时间:2023/09/09 09:30                                    | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T09:30+08:00           | true
            日期：2023年9月9日                                        | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T00:00+08:00           | false
            更新时间 2023-09-09 14:17                                 | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17+08:00           | true
            浏览次数：1024 发布时间：2023-09-09                          | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T00:00+08:00           | false
            ２０２３－０９－０９　１４：１７                                | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17+08:00           | true
            ２０２３／９／９                                            | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T00:00+08:00           | false
            ２０２３年９月９日                                          | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T00:00+08:00           | false
            2023-09-09T14:17:56+08:00                               | UTC              | 2026-01-05T02:00:00Z | 2023-09-09T14:17:56+08:00        | true
            2023-09-09T06:17:56Z                                    | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T06:17:56Z             | true
            2023-09-09T14:17:56.250+0800                            | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17:56.250+08:00    | true
            2023-09-09T14:17:56                                     | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17:56+08:00        | true
            2023-09-09 14:17-15:30 会议                              | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17+08:00           | true
            'Sat, 09 Sep 2023 14:17:56 +0800'                       | UTC              | 2026-01-05T02:00:00Z | 2023-09-09T14:17:56+08:00        | true
            'Sat, 09 Sep 2023 06:17:56 GMT'                         | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T06:17:56Z             | true
            'Sat, 09 Sep 2023 14:17:56 CST'                         | UTC              | 2026-01-05T02:00:00Z | 2023-09-09T14:17:56+08:00        | true
            09 Sep 2023 14:17:56 +0800                              | UTC              | 2026-01-05T02:00:00Z | 2023-09-09T14:17:56+08:00        | true
            'Sat, 9 Sep 23 14:17 -0500'                             | UTC              | 2026-01-05T02:00:00Z | 2023-09-09T14:17-05:00           | true
            'sat, 09 sep 2023 14:17:56 gmt'                         | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17:56Z             | true
            09 Sep 2023 14:17:56                                    | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T14:17:56+08:00        | true
            Sat Sep 09 14:17:56 CST 2023                            | UTC              | 2026-01-05T02:00:00Z | 2023-09-09T14:17:56+08:00        | true
            [09-09]                                                 | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2025-09-09T00:00+08:00           | false
            12-30                                                   | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2025-12-30T00:00+08:00           | false
            01-05                                                   | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2026-01-05T00:00+08:00           | false
            01-06                                                   | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2025-01-06T00:00+08:00           | false
            9月9日                                                   | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2025-09-09T00:00+08:00           | false
            1月5日 08:30                                              | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2026-01-05T08:30+08:00           | true
            01-05                                                   | America/New_York | 2026-01-05T02:00:00Z | 2025-01-05T00:00-05:00           | false
            02-29                                                   | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2024-02-29T00:00+08:00           | false
            ·[12-30] 孝昌县召开安全生产工作会议                            | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2025-12-30T00:00+08:00           | false
            2023-09-09                                              | America/New_York | 2026-01-05T02:00:00Z | 2023-09-09T00:00-04:00           | false
            2026-01-06                                              | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2026-01-06T00:00+08:00           | false
            2026-01-06 12:00                                        | Asia/Shanghai    | 2026-01-05T02:00:00Z | -                               | -
            2026-01-07                                              | Asia/Shanghai    | 2026-01-05T02:00:00Z | -                               | -
            活动时间：2030-01-01 发布时间：2023-09-09                       | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2023-09-09T00:00+08:00           | false
            2023-02-30                                              | Asia/Shanghai    | 2026-01-05T02:00:00Z | -                               | -
            2023-13-01                                              | Asia/Shanghai    | 2026-01-05T02:00:00Z | -                               | -
            2023年2月29日                                             | Asia/Shanghai    | 2026-01-05T02:00:00Z | -                               | -
            2024-02-29                                              | Asia/Shanghai    | 2026-01-05T02:00:00Z | 2024-02-29T00:00+08:00           | false
            1989-12-31                                              | Asia/Shanghai    | 2026-01-05T02:00:00Z | -                               | -
            1990-01-01                                              | Asia/Shanghai    | 2026-01-05T02:00:00Z | 1990-01-01T00:00+08:00           | false
            2023-09-09 25:00                                        | Asia/Shanghai    | 2026-01-05T02:00:00Z | -                               | -
            13-45                                                   | Asia/Shanghai    | 2026-01-05T02:00:00Z | -                               | -
            来源：孝昌县融媒体中心                                        | Asia/Shanghai    | 2026-01-05T02:00:00Z | -                               | -
            电话：0712-4822345                                        | Asia/Shanghai    | 2026-01-05T02:00:00Z | -                               | -
            第1-10页                                                  | Asia/Shanghai    | 2026-01-05T02:00:00Z | -                               | -
            版本 1.2.3.4                                              | Asia/Shanghai    | 2026-01-05T02:00:00Z | -                               | -
            """)
    void findsTheDateInsideText(String input, String zone, String now, String expected, Boolean hasTime) {
        Optional<ParsedDate> parsed = parser.parse(input, ZoneId.of(zone), Instant.parse(now));

        if (expected == null) {
            assertThat(parsed).isEmpty();
        } else {
            assertThat(parsed).contains(new ParsedDate(OffsetDateTime.parse(expected), hasTime));
        }
    }

    @Test
    void answersEmptyForNullOrBlankText() {
        Instant now = Instant.parse("2026-01-05T02:00:00Z");
        assertThat(parser.parse(null, ZoneId.of("Asia/Shanghai"), now)).isEmpty();
        assertThat(parser.parse("   ", ZoneId.of("Asia/Shanghai"), now)).isEmpty();
    }
}
