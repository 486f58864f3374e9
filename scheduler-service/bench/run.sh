#!/bin/sh
# Scheduler benchmark: 1,000,000 employees scheduled, a first (cold) burst and a measured burst of 100,000 breaks due in
# the same second (with CPU per process and emitter phases), steady-state
# lateness, scheduler RSS, and the raw Kafka producer rate for the same record size. Starts its own PostgreSQL, Kafka
# and Keycloak (like the tests) and the scheduler as a separate process; prints the figures; stops everything.
# Usage: scheduler-service/bench/run.sh [-Dbench.employees=N -Dbench.burst=N -Dbench.steady=N ...]
#        (from the repository root; JAVA_HOME must point at a JDK 21+; extra arguments are JVM options of the driver)
set -eu
cd "$(dirname "$0")/.."
MVN=../mvnw
$MVN -B -q package -DskipTests
$MVN -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# run from a snapshot of the build, so a rebuild of the module during the run does not change what is measured
SNAPSHOT=target/bench-run
rm -rf "$SNAPSHOT"
mkdir -p "$SNAPSHOT"
cp -r target/quarkus-app "$SNAPSHOT/quarkus-app"
cp -r target/classes "$SNAPSHOT/classes"
cp -r target/test-classes "$SNAPSHOT/test-classes"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$SNAPSHOT/test-classes:$SNAPSHOT/classes:$(cat target/bench-classpath.txt)" \
  -Dwellness.test.work=target/bench-infrastructure "$@" \
  io.wellness.scheduler.bench.SchedulerBenchmark "$SNAPSHOT/quarkus-app/quarkus-run.jar"
