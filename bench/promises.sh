#!/usr/bin/env bash
# Promises kept (DESIGN.md §9): a seeded year of a shop replayed through the real ETA engine and
# window calibration, under the former rule and the calibrated one on the same seeds. Target for
# the calibrated rule: kept >= 0.95, median window <= 4 days, fewer changes per line than the
# former rule. The last two lines read
#   current: kept=<0..1> median_window_days=<n> changes_per_line=<n>
#   calibrated: kept=<0..1> median_window_days=<n> changes_per_line=<n>
#
#   bench/promises.sh            # seeds 1..3
#   bench/promises.sh 7 5        # seeds 7..11
# No network, no database; under a minute on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=$(mktemp -d /tmp/backorder-promises.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
java -Xmx1g -cp "target/classes:target/test-classes:$(cat "$WORK/cp.txt")" \
	com.backorderdesk.promise.PromiseSimulation "$@"
