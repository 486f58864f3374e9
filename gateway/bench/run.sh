#!/usr/bin/env bash
# Gateway overhead benchmark. Load generator: wrk. The same GET with a real Keycloak bearer token (user alice), in
# one run, directly to the service and through the packaged gateway, for three backends (the ratio depends on how
# much work the backend does per request):
#   - catalog-service  GET /api/catalog/exercises/shoulder-rolls  (real service, answered from its in-memory cache)
#   - tracking-service GET /api/tracking/me/stats                  (real service, PostgreSQL queries per request)
#   - a minimal stand-in GET /api/scheduler/me                     (only verifies the token; worst case, reference)
# Prints, per backend, the added latency p50 (1 connection; target <= 0.5 ms), the throughput through the gateway
# as a share of direct (16 connections; target >= 80 %) and the gateway's CPU time per relayed request, by two methods:
#   Method 1, shared cores: every process may run on every CPU. On a 2-core box wrk, the gateway and the service then
#     compete for the same cores, so the ratio is about C_service / (C_service + C_gateway): it compares the gateway's
#     CPU cost per request with the service's (a cheap cached read can never reach 80 % this way, whatever the gateway).
#   Method 2, CPU-isolated (taskset): the service (and PostgreSQL, Kafka, Keycloak, the stand-in) on CPU 1, wrk and the
#     gateway together on CPU 0, in BOTH the direct and the proxied run. In production the gateway runs in its own pods,
#     so "throughput >= 80 % of direct" asks whether the gateway becomes the bottleneck in front of a service that has
#     its own CPU. Here the gateway gets less than a core (wrk shares it), so a pass is a conservative one.
#   Both are printed; neither replaces the other. The CPU per request is the figure to compare builds with.
# PostgreSQL, Kafka and Keycloak come from deploy/infra.
# Usage: gateway/bench/run.sh [seconds-per-run]   (default 10; needs wrk: apt-get install wrk)
#        BENCH_JFR=true gateway/bench/run.sh       adds a JFR CPU profile of the gateway: gateway/target/bench/gateway.jfr
#        BENCH_BASELINE=/path/to/other/quarkus-app  also measures that gateway build in the same run (before/after)
#        BENCH_ISOLATED=false gateway/bench/run.sh  only method 1 (method 2 needs taskset, util-linux, and 2 CPUs)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    [[ -x "$candidate/bin/java" ]] && export JAVA_HOME="$candidate" && break
  done
fi
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
./mvnw -B -q -pl gateway,catalog-service,tracking-service -am package -DskipTests
./mvnw -B -q -pl gateway exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.wellness.gateway.bench.GatewayBenchmark \
  -Dbench.module="$PWD/gateway" -Dbench.seconds="${1:-10}" -Dbench.jfr="${BENCH_JFR:-false}" \
  -Dbench.baseline="${BENCH_BASELINE:-}" -Dbench.warmup="${BENCH_WARMUP:-10}" \
  -Dbench.isolated="${BENCH_ISOLATED:-true}"
