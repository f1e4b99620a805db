package io.countywatch.aggregator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.item.AlsoAt;
import io.countywatch.aggregator.item.ItemView;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventFilterTest {

    static final ItemView ITEM = new ItemView(
            "1",
            "孝感市防汛抗旱指挥部召开Flood会议",
            "http://127.0.0.1/a.html",
            "xiaogan",
            "孝感市人民政府",
            null,
            null,
            null,
            "部署秋冬季水利工作",
            null,
            List.of("hubei", "xiaogan"),
            List.of(new AlsoAt("xgrb", "http://127.0.0.2/content_1.htm")),
            null);

    @ParameterizedTest(name = "source={0} tag={1} q={2} -> {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                "-, -, -, true",
                "' ', '', ' ', true",
                "xiaogan, -, -, true",
                "anlu, -, -, false",
                // a source's stream holds what it lists: the story another source stored first is in its alsoAt
                "xgrb, -, -, true",
                "-, hubei, -, true",
                "-, hunan, -, false",
                "-, hube, -, false",
                "-, -, 防汛, true",
                "-, -, 水利, true",
                "-, -, flood, true",
                "-, -, ' 防汛 ', true",
                "-, -, 森林, false",
                "xiaogan, hubei, 防汛, true",
                "xiaogan, hubei, 森林, false",
                "anlu, hubei, 防汛, false",
            })
    void matchesOnlyWhenEveryGivenFilterMatches(String source, String tag, String keyword, boolean expected) {
        assertThat(new EventFilter(source, tag, keyword).matches(ITEM)).isEqualTo(expected);
    }
}
