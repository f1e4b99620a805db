package io.countywatch.aggregator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.support.AtomSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validates what AtomWriter writes against the RELAX NG schema of RFC 4287 (Appendix B), with Jing. */
class AtomSchemaTest {

    private final FeedWriter writer = new FeedWriter();

    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of("full feed with paging", SampleFeeds.full("atom")),
                Arguments.of("empty feed", SampleFeeds.empty("atom")),
                Arguments.of(
                        "Chinese title, HTML content, also-at, tags",
                        SampleFeeds.document("atom", List.of(SampleFeeds.CHINESE_WITH_HTML), null)),
                Arguments.of(
                        "list item without summary or content",
                        SampleFeeds.document("atom", List.of(SampleFeeds.PLAIN_LIST_ITEM), null)),
                Arguments.of(
                        "forbidden U+FFFE and a lone surrogate in the summary",
                        SampleFeeds.document("atom", List.of(SampleFeeds.ALSO_AT_WITHOUT_CONTENT), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void writesAtomThatTheRfc4287SchemaAccepts(String name, FeedDocument doc) throws Exception {
        byte[] atom = writer.write(doc, FeedFormat.ATOM);

        assertThat(validate(atom)).as(new String(atom, StandardCharsets.UTF_8)).isEmpty();
    }

    // Guards against a schema that accepts anything: a feed without atom:id must fail.
    @Test
    void schemaRejectsAFeedWithoutId() throws Exception {
        String atom = new String(writer.write(SampleFeeds.full("atom"), FeedFormat.ATOM), StandardCharsets.UTF_8)
                .replaceFirst("<id>[^<]*</id>", "");

        assertThat(validate(atom.getBytes(StandardCharsets.UTF_8)))
                .anySatisfy(error -> assertThat(error).contains("id"));
    }

    private static List<String> validate(byte[] xml) throws Exception {
        return AtomSchema.errors(xml);
    }
}
