#!/usr/bin/env bash
# Gateway overhead benchmark: the same authenticated request through the gateway and directly to a trivial
# service, in one run (wrk; real Keycloak; the packaged gateway). Prints p50 added latency and the throughput ratio.
# Usage: gateway/bench/run.sh [seconds-per-run]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    [[ -x "$candidate/bin/java" ]] && export JAVA_HOME="$candidate" && break
  done
fi
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
./mvnw -B -q -pl gateway -am package -DskipTests
./mvnw -B -q -pl gateway exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.wellness.gateway.bench.GatewayBenchmark \
  -Dbench.module="$PWD/gateway" -Dbench.seconds="${1:-10}" -Dbench.jfr="${BENCH_JFR:-false}"
