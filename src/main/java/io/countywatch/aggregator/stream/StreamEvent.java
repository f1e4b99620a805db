package io.countywatch.aggregator.stream;

import io.countywatch.aggregator.item.ItemView;
import io.countywatch.aggregator.store.items.ItemEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * An item event with its SSE frame already written: a live event goes to every client of the instance, and
 * encoding it once instead of once per client is most of the work saved at thousands of clients.
 */
record StreamEvent(long id, ItemView item, byte[] frame) {

    static StreamEvent of(ItemEvent event, JsonMapper json) {
        return new StreamEvent(
                event.id(),
                event.item(),
                SseFrames.event(event.kind().eventName(), event.id(), json.writeValueAsString(event.item())));
    }
}
