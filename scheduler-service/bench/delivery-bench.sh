#!/bin/sh
# Delivery benchmark: 10,000 due events on real Kafka delivered to a local fake Slack that does not rate-limit.
# Prints burst throughput (deliveries/s) and the added latency p50/p95/p99/max at a steady 1,000 events/s, where
# added latency = due event available on Kafka (broker acknowledged the produce) -> chat.postMessage read by the
# fake Slack; plus the mean time per delivery phase (kafka: producer send() -> handed to the consumer; queue: waiting
# in the claim lane; claim; start; lane; render; send; record; publish).
# The paced run is measured on the just-started JVM ("paced-cold") and again after WARMUP more deliveries at the
# paced rate ("paced"), when the JIT compilers have settled; the burst runs on the warm JVM. Both are printed.
# Targets: >= 1,000 deliveries/s, p99 added latency <= 50 ms.
# Usage: scheduler-service/bench/delivery-bench.sh [events] [paced rate per second] [warm-up deliveries, 50000]
set -e
cd "$(dirname "$0")/../.."
EVENTS="${1:-10000}"
RATE="${2:-1000}"
WARMUP="${3:-50000}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -q -pl scheduler-service test -Dtest=DeliveryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.events="$EVENTS" -Dbench.rate="$RATE" -Dbench.warmup="$WARMUP" 2>&1 | grep -E "^(=== delivery|definition|burst|paced|warm-up|targets)" || {
    echo "benchmark failed; run it with output: ./mvnw -pl scheduler-service test -Dtest=DeliveryBenchmark" >&2
    exit 1
}
