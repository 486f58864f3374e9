#!/usr/bin/env bash
# Load command (issue 9): a company of N employees (default 100,000) through one working day on the scheduler's
# accelerated clock, on the real stack (PostgreSQL, Kafka, Keycloak, the four packaged services). Prints throughput,
# emission lateness percentiles, deliveries, memory per service, and the dashboards' participation against the
# ground truth the driver generated.
#   deploy/load-test.sh [employees] [clock-speed]      e.g. deploy/load-test.sh 100000 120
# Needs the services packaged first: ./mvnw -B install -DskipTests
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=find-jdk.sh
source deploy/find-jdk.sh
find_jdk
employees="${1:-100000}"
speed="${2:-120}"
module=deploy/system-tests
./mvnw -B -q -pl "$module" test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/load.classpath -Dmdep.includeScope=test
# its own JVM (not exec:java): Kafka's clients load their classes through the context class loader
# the services run with the JVM settings of deploy/kubernetes (not the local stack's small quick-starting ones)
exec "$JAVA_HOME/bin/java" -Xmx1g -Dwellness.repo.root="$PWD" -Dwellness.stack.jvm=production \
  -Dwellness.load.employees="$employees" -Dwellness.load.clock-speed="$speed" \
  -cp "$module/target/test-classes:$(cat "$module/target/load.classpath")" io.wellness.system.CompanyDayLoad
