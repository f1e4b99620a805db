package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.item.ItemView;

/**
 * One row of the item event log: an item was stored for the first time or changed. The id comes from a
 * database sequence, so it orders events across every instance sharing the database.
 */
public record ItemEvent(long id, Kind kind, ItemView item) {

    /** What happened to the item; {@link #eventName()} is the SSE event name. */
    public enum Kind {
        ITEM("item"),
        UPDATE("update");

        private final String eventName;

        Kind(String eventName) {
            this.eventName = eventName;
        }

        public String eventName() {
            return eventName;
        }

        static Kind of(String dbValue) {
            return "update".equals(dbValue) ? UPDATE : ITEM;
        }
    }
}
