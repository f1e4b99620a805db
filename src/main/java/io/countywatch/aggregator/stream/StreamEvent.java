package io.countywatch.aggregator.stream;

import io.countywatch.aggregator.item.ItemView;
import io.countywatch.aggregator.store.ItemEvent;
import org.springframework.http.codec.ServerSentEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * An item event with its JSON already written: a live event goes to every client of the instance, and writing
 * the JSON once instead of once per client is most of the work saved at thousands of clients.
 */
record StreamEvent(long id, String name, ItemView item, String json) {

    static StreamEvent of(ItemEvent event, JsonMapper json) {
        return new StreamEvent(
                event.id(), event.kind().eventName(), event.item(), json.writeValueAsString(event.item()));
    }

    ServerSentEvent<Object> toSse() {
        // String data is written as it is, not encoded again
        return ServerSentEvent.builder().event(name).id(Long.toString(id)).data((Object) json).build();
    }
}
