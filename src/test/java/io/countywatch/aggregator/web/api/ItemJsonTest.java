package io.countywatch.aggregator.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.item.AlsoAt;
import io.countywatch.aggregator.item.ItemView;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SSE stream writes {@link ItemView} (it may not import {@code web}), {@code /api/items} writes {@link ItemJson}:
 * both are the one item JSON of the contract only while their fields are the same, in the same order.
 */
class ItemJsonTest {

    @Test
    void hasTheFieldsOfTheStreamsItemViewInOrder() {
        assertThat(names(ItemJson.class)).isEqualTo(names(ItemView.class));
        assertThat(names(ItemJson.AlsoAtJson.class)).isEqualTo(names(AlsoAt.class));
    }

    static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
    }
}
