package io.countywatch.aggregator.stream;

/** Ends the stream of a client whose buffer is full; it reconnects with Last-Event-ID and misses nothing. */
class SlowClientException extends RuntimeException {

    SlowClientException(long eventId) {
        super("stream client too slow: buffer full at event " + eventId + "; disconnected", null, false, false);
    }
}
