#!/usr/bin/env bash
# Benchmark of the catalog service's hot paths against real PostgreSQL, Kafka and Keycloak (wellness-infra).
# Load generator: wrk (Debian package), installed when missing. Every request carries a real Keycloak access
# token, so JWT verification is part of the measured cost.
#
#   catalog-service/bench/run.sh                 # build, start, measure, stop
#   DURATION=30s CONNECTIONS=64 catalog-service/bench/run.sh
#   BENCH_JFR=true catalog-service/bench/run.sh    # adds a JFR CPU profile of the service: target/bench/service.jfr
#   SERVICE_OPTS=-Dwellness.security.token-cache.enabled=false catalog-service/bench/run.sh   # every token verified
#
# Targets (issue 3): cached list >= 10,000 req/s with p99 <= 5 ms; plans >= 5,000 req/s.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MODULE="$ROOT/catalog-service"
WORK="$MODULE/target/bench"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-20s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-1}"
PORT="${PORT:-18081}"

if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/default-java; do
    [[ -x "$candidate/bin/java" ]] && export JAVA_HOME="$candidate" && break
  done
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if ! command -v wrk >/dev/null; then
  echo "[bench] installing wrk (Debian package)"
  SUDO=""; [[ "$(id -u)" != 0 ]] && SUDO="sudo"
  $SUDO apt-get install -y wrk >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; }
fi

echo "[bench] building catalog-service"
cd "$ROOT"
mkdir -p "$WORK"
rm -f "$WORK/env" "$WORK"/token-*
# needs the platform modules in the local repository (README's test command, or ./mvnw install -DskipTests)
./mvnw -B -q -pl catalog-service package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null

INFRA_PID=""
SERVICE_PID=""
cleanup() {
  [[ -n "$SERVICE_PID" ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  # SIGTERM lets the infrastructure's shutdown hook stop Keycloak, Kafka and PostgreSQL
  [[ -n "$INFRA_PID" ]] && kill "$INFRA_PID" 2>/dev/null && wait "$INFRA_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

echo "[bench] starting PostgreSQL, Kafka and Keycloak (log: $WORK/infra.log)"
"$JAVA" -cp "$MODULE/target/test-classes:$(cat "$WORK/classpath.txt")" \
  io.wellness.catalog.bench.BenchInfrastructure "$WORK" >"$WORK/infra.log" 2>&1 &
INFRA_PID=$!
for _ in $(seq 1 600); do
  [[ -f "$WORK/env" ]] && break
  kill -0 "$INFRA_PID" 2>/dev/null || { echo "[bench] infrastructure failed:"; tail -30 "$WORK/infra.log"; exit 1; }
  sleep 1
done
[[ -f "$WORK/env" ]] || { echo "[bench] infrastructure not ready after 600 s"; exit 1; }

echo "[bench] starting catalog-service on :$PORT (log: $WORK/service.log)"
set -a; source "$WORK/env"; set +a
JFR_OPTS=()
[[ "${BENCH_JFR:-false}" == true ]] && JFR_OPTS=("-XX:StartFlightRecording=filename=$WORK/service.jfr,settings=profile,dumponexit=true")
# shellcheck disable=SC2086 # SERVICE_OPTS: extra JVM options, split on spaces
"$JAVA" "${JFR_OPTS[@]}" ${SERVICE_OPTS:-} -Dquarkus.http.port="$PORT" -jar "$MODULE/target/quarkus-app/quarkus-run.jar" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { echo "[bench] service failed:"; tail -30 "$WORK/service.log"; exit 1; }
  sleep 0.5
done

BASE="http://localhost:$PORT"
LIST="$BASE/api/catalog/exercises?position=seated&equipment=chair&size=20"
employee() { cat "$WORK/token-employee"; }
service() { cat "$WORK/token-service"; }
LIST_ETAG="$(curl -fsS -D - -o /dev/null -H "Authorization: Bearer $(employee)" "$LIST" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')"
[[ -n "$LIST_ETAG" ]] || { echo "[bench] list request failed"; exit 1; }
PLAN_STATUS="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(service)" -H 'Content-Type: application/json' \
  -d '{"position":"seated","equipment":["chair"],"minSeconds":60,"maxSeconds":120,"seed":1}' "$BASE/api/catalog/plans")"
[[ "$PLAN_STATUS" == 200 ]] || { echo "[bench] plan request answered $PLAN_STATUS"; exit 1; }

RESULTS="$WORK/results.txt"
: >"$RESULTS"
# run <name> <wrk args...>: warm-up run (discarded), then the measured run; appends "name req/s p50 p99 errors"
run() {
  local name="$1"; shift
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$@" >/dev/null
  local out
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@")"
  echo "$out" >"$WORK/wrk-$name.txt"
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec/{print $2}' <<<"$out")"
  p50="$(awk '$1=="50%"{print $2}' <<<"$out")"
  p99="$(awk '$1=="99%"{print $2}' <<<"$out")"
  errors="$(awk -F': ' '/non-2xx\/3xx responses/{print $2}' <<<"$out")"
  printf '%-34s %12s %10s %10s %8s   %s\n' "$name" "$rps" "$p50" "$p99" "${errors:-?}" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RESULTS"
}

echo "[bench] wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'), $THREADS thread(s), $CONNECTIONS connections, $DURATION per run after $WARMUP warm-up; $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %12s %10s %10s %8s   %s\n' "scenario" "req/s" "p50" "p99" "non-2xx" "load(1m)" | tee -a "$RESULTS"
run "list (cached, 200 + body)" -s "$MODULE/bench/status.lua" -H "Authorization: Bearer $(employee)" "$LIST"
run "list (If-None-Match -> 304)" -s "$MODULE/bench/status.lua" -H "Authorization: Bearer $(employee)" -H "If-None-Match: $LIST_ETAG" "$LIST"
run "get one exercise" -s "$MODULE/bench/status.lua" -H "Authorization: Bearer $(employee)" "$BASE/api/catalog/exercises/shoulder-rolls"
run "plans (POST, seed per request)" -s "$MODULE/bench/plans.lua" -H "Authorization: Bearer $(service)" "$BASE/api/catalog/plans"
echo "[bench] load(1m) above the core count means other processes competed for the CPU; the figures are then lower bounds"
echo "[bench] targets: cached list >= 10000 req/s with p99 <= 5 ms; plans >= 5000 req/s (wrk output in $WORK/wrk-*.txt)"
