#!/usr/bin/env bash
# Builds scanner-core's test classes and runs the scanner benchmark (built-in engine vs a real clamd on the
# same synthetic signatures and mail objects). Prints the figures recorded in docs/performance.md.
#
#   scripts/benchmark.sh [--corpus-mb=200] [--hash-signatures=1000000] [--body-signatures=100000]
#                        [--text-signatures-percent=10] [--gap-signatures-percent=5]
#                        [--threads=N] [--passes=2] [--no-clamd] [--no-messages] [--seed=42]
#
# Needs /usr/sbin/clamd (apt-get install clamav-daemon) unless --no-clamd. Extra Maven flags (such as -o)
# go in MVN_FLAGS, JVM flags in BENCH_JAVA_OPTS (default -Xmx6g). Not part of `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -B -q ${MVN_FLAGS:-} -pl scanner-core test-compile dependency:build-classpath \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test

exec java ${BENCH_JAVA_OPTS:--Xmx6g} \
    -cp "scanner-core/target/test-classes:scanner-core/target/classes:$(cat "$classpath_file")" \
    org.smtpgw.scanner.bench.ScannerBenchmark "$@"
