package io.countywatch.aggregator.poll;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** This instance's name in poll leases: host and pid for people, a random part for uniqueness. */
@Component
class InstanceId {

    private final String value = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    public String value() {
        return value;
    }
}
