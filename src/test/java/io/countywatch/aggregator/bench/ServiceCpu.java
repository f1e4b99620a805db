package io.countywatch.aggregator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the service's threads in this JVM, without the fixture sites' event loops ({@code fixture-web-*}),
 * which stand in for remote servers. Threads that ended since the last call are not counted.
 */
final class ServiceCpu {

    private ServiceCpu() {}

    static long nanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || info.getThreadName().startsWith("fixture-web")) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                total += cpu;
            }
        }
        return total;
    }
}
