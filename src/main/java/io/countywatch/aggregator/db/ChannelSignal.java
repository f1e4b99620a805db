package io.countywatch.aggregator.db;

/** What {@link PgNotifications#watch} says about one channel. */
public sealed interface ChannelSignal {

    /** Listening (again): notifications sent before this may have been missed, so re-read what they would say. */
    record Listening() implements ChannelSignal {}

    /** One {@code NOTIFY channel, 'payload'} (an empty payload when none was given). */
    record Notified(String channel, String payload) implements ChannelSignal {}
}
