#!/bin/sh
# Feed serving benchmark at 1,000,000 items (docs/benchmarks/feeds.md). Needs wrk (apt-get install -y wrk).
# Usage: bench/feeds.sh [seconds per wrk run, default 10]
set -e
cd "$(dirname "$0")/.."
./mvnw -q -o test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.countywatch.aggregator.bench.FeedBenchmark "${1:-10}"
