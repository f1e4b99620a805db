package io.countywatch.aggregator.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each source id was first defined, across every file of one load: a sources folder split by province must not
 * define a county twice any more than a single file may.
 */
final class IdPlaces {

    private record Place(String file, int line) {}

    private final Map<String, Place> first = new LinkedHashMap<>();

    /** Claims {@code id} for this place; where it was defined first, in words, if it was already claimed. */
    Optional<String> claim(String id, String file, int line) {
        Place earlier = first.putIfAbsent(id, new Place(file, line));
        if (earlier == null) {
            return Optional.empty();
        }
        return Optional.of(
                earlier.file().equals(file) ? "line " + earlier.line() : earlier.file() + " line " + earlier.line());
    }

    IdPlaces copy() {
        IdPlaces copy = new IdPlaces();
        copy.first.putAll(first);
        return copy;
    }

    /** Forgets the claims made since {@code earlier} was copied from this. */
    void resetTo(IdPlaces earlier) {
        first.clear();
        first.putAll(earlier.first);
    }
}
