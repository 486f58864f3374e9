#!/usr/bin/env bash
# Tracking benchmark: prints ingest throughput (Kafka -> PostgreSQL) and dashboard latency on ~10M outcomes.
# Starts its own PostgreSQL, Kafka and Keycloak (like the tests). Options (system properties):
#   -Dbench.ingest.events=500000   outcome events produced while the outcome channel is paused, then the service's
#                                  drain of that backlog is timed (resume to last commit)
#   -Dbench.ingest.warmup=300000   outcome events drained first on the just-started JVM, printed apart (0: none)
#   -Dbench.raw=true               also store 10M raw outcome events (false: rollups only, faster setup)
#   -Dbench.ingest=false / -Dbench.dashboards=false   run one part only
# Usage: tracking-service/bench/run.sh [-Dbench.ingest.events=...]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mkdir -p tracking-service/target
./mvnw -B -q -pl tracking-service test -Dtest=TrackingBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@" \
  | tee tracking-service/target/bench.log | grep "^BENCH" || { echo "benchmark failed, see tracking-service/target/bench.log" >&2; exit 1; }
