package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.item.ItemView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocumentScrubberTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'a\u0001b'       | ab",
                "'a\u0000\u001Fb' | ab",
                "'a\uFFFEb\uFFFF' | ab",
                "'a\uD800b'       | ab", // lone high surrogate
                "'a\uDC00b'       | ab", // lone low surrogate
                "'\tline\r\n'     | '\tline\r\n'",
                "'表\u3000格'      | '表\u3000格'",
                "'😀 emoji'       | '😀 emoji'", // a valid surrogate pair stays
                "'\u0085\u007F'   | '\u0085\u007F'", // discouraged but allowed in XML 1.0
            })
    void dropsOnlyWhatXml10Forbids(String input, String expected) {
        assertThat(DocumentScrubber.text(input)).isEqualTo(expected);
    }

    @Test
    void leavesNullAsNull() {
        assertThat(DocumentScrubber.text(null)).isNull();
    }

    @Test
    void fillsMissingItemDatesFromTheFetchTime() {
        ItemView item = SampleFeeds.PLAIN_LIST_ITEM;
        var undated = new ItemView(
                item.id(),
                item.title(),
                item.url(),
                item.sourceId(),
                item.sourceName(),
                null,
                item.fetchedAt(),
                null,
                null,
                null,
                List.of(),
                List.of(),
                null);

        ItemView scrubbed = DocumentScrubber.scrub(undated);

        assertThat(scrubbed.publishedAt()).isEqualTo(item.fetchedAt());
        assertThat(scrubbed.updatedAt()).isEqualTo(item.fetchedAt());
    }
}
