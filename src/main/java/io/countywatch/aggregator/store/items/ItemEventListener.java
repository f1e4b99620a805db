package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.db.ChannelSignal;
import io.countywatch.aggregator.db.PgNotifications;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The item event ids that the trigger on {@code item} sends on channel {@code item_events} (V6), heard on the
 * instance's one LISTEN connection. Every instance on the database hears every event, which is how an item stored
 * by one instance reaches the stream clients of another.
 */
@Component
public class ItemEventListener {

    /** Emitted after each (re)connect: events may have been missed while the connection was down. */
    public static final long CONNECTED = -1;

    private static final String CHANNEL = "item_events";

    private final PgNotifications notifications;

    public ItemEventListener(PgNotifications notifications) {
        this.notifications = notifications;
    }

    /** Event ids as they are notified, with {@link #CONNECTED} first after every (re)connect. Never completes. */
    public Flux<Long> watchEventIds() {
        return notifications.watch(CHANNEL).handle((signal, sink) -> {
            if (signal instanceof ChannelSignal.Notified notified) {
                if (!notified.payload().isEmpty()) {
                    sink.next(Long.valueOf(notified.payload()));
                }
            } else {
                sink.next(CONNECTED);
            }
        });
    }
}
