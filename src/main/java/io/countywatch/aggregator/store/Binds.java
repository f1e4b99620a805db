package io.countywatch.aggregator.store;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** R2DBC needs the type of a null parameter; this binds a value or a typed null. Shared by the store rooms. */
public final class Binds {

    private Binds() {}

    public static <T> GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
