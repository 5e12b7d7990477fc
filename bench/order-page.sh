#!/usr/bin/env bash
# Order status page under load (DESIGN.md §9): target >= 10,000 requests/s with p99 < 25 ms at
# 256 connections, and no latency cliff from 256 to 512 connections.
#
# Builds the jar, starts it in embedded mode on a throw-away data folder (demo shop loaded),
# opens BO-1001 the way a customer does (lookup form -> session), then runs wrk against
# /orders/BO-1001 with that session. Needs wrk (Debian: apt-get install wrk).
#
#   bench/order-page.sh            # 20 s per run
#   DURATION=60s bench/order-page.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "bench/order-page.sh needs wrk (Debian: apt-get install wrk)" >&2; exit 2; }
PORT=${PORT:-18080}
DURATION=${DURATION:-20s}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d /tmp/backorder-bench.XXXXXX)
chmod 755 "$WORK"

./mvnw -q -B -DskipTests package
JAR=$(ls target/backorder-desk-*.jar | grep -v plain | head -1)
java -Xmx2g -jar "$JAR" --server.port="$PORT" --backorder.embedded.data-dir="$WORK/postgres" \
	--logging.level.root=WARN > "$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$WORK"' EXIT

for _ in $(seq 1 180); do
	curl -fs "$BASE/actuator/health" >/dev/null 2>&1 && break
	sleep 1
done
curl -fs "$BASE/actuator/health" >/dev/null || { echo "the app did not start; see $WORK/app.log" >&2; cat "$WORK/app.log" >&2; exit 1; }

JAR_COOKIES="$WORK/cookies"
CSRF=$(curl -fs -c "$JAR_COOKIES" -b "$JAR_COOKIES" "$BASE/" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -o /dev/null -c "$JAR_COOKIES" -b "$JAR_COOKIES" --data-urlencode "_csrf=$CSRF" \
	--data-urlencode "number=BO-1001" --data-urlencode "email=ada@example.com" "$BASE/lookup"
SESSION=$(awk '$6 == "SESSION" { print $7 }' "$JAR_COOKIES" | tail -1)
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: SESSION=$SESSION" "$BASE/orders/BO-1001")
[ "$STATUS" = 200 ] || { echo "could not open BO-1001 with the session (HTTP $STATUS)" >&2; exit 1; }

# the JIT needs 60-90 s of load on 2 cores before figures settle
WARMUP=${WARMUP:-90s}
echo "warming up for $WARMUP"
wrk -t2 -c64 -d"$WARMUP" -H "Cookie: SESSION=$SESSION" "$BASE/orders/BO-1001" >/dev/null
for CONNECTIONS in 256 512; do
	echo
	echo "== GET /orders/BO-1001, $CONNECTIONS connections, $DURATION"
	wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: SESSION=$SESSION" "$BASE/orders/BO-1001" \
		| grep -E 'Requests/sec|Latency  |50%|90%|99%|Non-2xx|Socket errors'
done
