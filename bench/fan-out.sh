#!/usr/bin/env bash
# One change reaching many open pages, beside the floor (DESIGN.md §9, issue 10):
# 1. PAGES (200) live pages of one order (/orders/BENCH-F1/events with its ORDER_ACCESS cookie):
#    CHANGES (10) times the order's restock is moved through the JSON API (PATCH
#    /api/v1/restocks/<id>, alternating two dates), and each stream's delay from the request
#    being sent until its first data line arrives is timed (so it includes the request, the
#    re-plan and commit, the fan-out and the rendering); and again from the API's answer, which
#    comes after the commit (so it leaves out the re-plan and the commit; the time from the
#    commit lies between the two). The floor: PAGES streams on its plain SSE endpoint, one item
#    POSTed to its shared feed each time, timed the same two ways. And from the commit itself:
#    ours runs with PostgreSQL's track_commit_timestamp on, and each delivery's wall-clock time
#    is set against the commit time of the event its frame names. Target: ours p99 < 100 ms
#    from the commit.
# 2. CROWD (2,000) live pages of that order beside unrelated requests: wrk on another order's
#    page (BENCH-F2, with its cookie) while the order changes every second (or as fast as the
#    changes are answered), without and with the streams open; the floor the same on its page
#    of BENCH-F2 and its feed. Target: ours with the streams within 2x of without.
# Prints lines such as
#   fan-out      n=200  ours p50 40 ms p99 90 ms max 95 ms (API answer p50 30 ms) | floor p50 2 ms p99 8 ms max 9 ms
#   after answer n=200  ours p50 10 ms p99 40 ms max 45 ms | floor p50 1 ms p99 6 ms max 7 ms
#   from commit  n=200  ours p50 12 ms p99 45 ms max 50 ms (2000 of 2000 deliveries timed) | floor ...
#   beside 2000  ours page p99 30.0 -> 45.0 ms (1.50x), 2,000 -> 1,800 req/s | floor p99 20.0 -> 22.0 ms (1.10x), ...
#
#   bash bench/fan-out.sh
#   PAGES=200 CROWD=2000 CHANGES=10 DURATION=10s bash bench/fan-out.sh
# Needs wrk and a JDK's java; about 5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-200}
CROWD=${CROWD:-2000}
CHANGES=${CHANGES:-10}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-15s}
# our own orders only: the demo shop is not needed, and only slows the start
# PostgreSQL keeps each transaction's commit time, so pages are timed from the commit itself
OURS_ARGS="--backorder.demo-data.enabled=false --backorder.embedded.server-settings.track_commit_timestamp=on \
${OURS_ARGS:-}"
. bench/lib.sh
need wrk "Debian: apt-get install wrk"
open_files "$CROWD"
need java "a JDK"
need psql "Debian: apt-get install postgresql-client"

CLIENT_PID=

# Starts bench/SseFanOut.java in load mode (its arguments given) and waits until it is ready;
# stop_client closes its input, so it stops firing and closes its streams.
start_client() { # name port streams-file count pause-ms trigger...
	local name=$1 hold="$WORK/hold-$1"
	shift
	CLIENT_OUT="$WORK/client-$name.out"
	mkfifo "$hold"
	java -Xmx512m bench/SseFanOut.java "$1" "$2" "$3" load "${@:4}" <"$hold" >"$CLIENT_OUT" 2>&1 &
	CLIENT_PID=$!
	EXTRA_PIDS+=("$CLIENT_PID")
	exec 3>"$hold"
	for _ in $(seq 1 600); do
		grep -q '^ready' "$CLIENT_OUT" && return 0
		kill -0 "$CLIENT_PID" 2>/dev/null || break
		sleep 0.5
	done
	echo "the $name streams did not open:" >&2
	cat "$CLIENT_OUT" >&2
	exit 1
}
stop_client() {
	exec 3>&-
	wait "$CLIENT_PID" || true
	grep '^fired' "$CLIENT_OUT" || true
}

build
start_both

# an order of our own, waiting for a restock that only it needs
api PUT /products/BENCH-FAN '{"name":"Fan-out bench","category":"Bench","priceCents":1000,"currency":"EUR"}' >/dev/null
restock=$(api POST /restocks "{\"sku\":\"BENCH-FAN\",\"supplier\":\"Bench Fan\",\"quantity\":5,\"expectedOn\":\"$(date -d '+30 days' +%F)\"}" |
	grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
# and another order, in stock, whose page the unrelated requests read
api PUT /products/BENCH-OTHER '{"name":"Fan-out bench, other","category":"Bench","priceCents":1000,"currency":"EUR"}' >/dev/null
api PUT /stock/BENCH-OTHER '{"onHand":10}' >/dev/null
for order in BENCH-F1:BENCH-FAN BENCH-F2:BENCH-OTHER; do
	api POST /orders "{\"number\":\"${order%%:*}\",\"customer\":{\"email\":\"fan@example.com\",\"name\":\"Fan\"},\"lines\":[{\"sku\":\"${order#*:}\",\"quantity\":1}]}" >/dev/null
done
echo "/orders/BENCH-F1/events $(order_access BENCH-F1 fan@example.com)" >"$WORK/ours-streams"
COOKIE="Cookie: $(order_access BENCH-F2 fan@example.com)"
echo "/orders/BENCH-F1/events -" >"$WORK/floor-streams"
date_a=$(date -d '+30 days' +%F)
date_b=$(date -d '+37 days' +%F)
ours_trigger=(patch-restock "$OURS/api/v1" "Bearer demo-api-key" "$restock" "$date_b" "$date_a")
floor_trigger=(post "$FLOOR/orders/BENCH-F1/publish" text/plain "restock moved")

echo "warming up: $CHANGES changes to $PAGES streams each, then $WARMUP of wrk per app"
java -Xmx512m bench/SseFanOut.java "$OURS_PORT" "$WORK/ours-streams" "$PAGES" measure "$CHANGES" 300 \
	"${ours_trigger[@]}" >"$WORK/warm-ours.out" 2>&1 || { cat "$WORK/warm-ours.out" >&2; exit 1; }
java -Xmx512m bench/SseFanOut.java "$FLOOR_PORT" "$WORK/floor-streams" "$PAGES" measure "$CHANGES" 300 \
	"${floor_trigger[@]}" >"$WORK/warm-floor.out" 2>&1 || { cat "$WORK/warm-floor.out" >&2; exit 1; }
warm 64 "$OURS/orders/BENCH-F2" "$COOKIE"
warm 64 "$FLOOR/orders/BENCH-F2"

# 1. commit -> PAGES open pages
java -Xmx512m bench/SseFanOut.java "$OURS_PORT" "$WORK/ours-streams" "$PAGES" measure "$CHANGES" 1000 \
	"${ours_trigger[@]}" >"$WORK/fan-ours.out"
grep -v '^fired_at\|^delivery ' "$WORK/fan-ours.out"
java -Xmx512m bench/SseFanOut.java "$FLOOR_PORT" "$WORK/floor-streams" "$PAGES" measure "$CHANGES" 1000 \
	"${floor_trigger[@]}" >"$WORK/fan-floor.out"
grep -v '^fired_at\|^delivery ' "$WORK/fan-floor.out"
field() { sed -n "s/^fanout .* $1=\([0-9-]*\).*/\1/p" "$2"; }
printf 'fan-out      n=%-4s ours p50 %s ms p99 %s ms max %s ms (API answer p50 %s ms, %s bytes a delivery, %s missed) | floor p50 %s ms p99 %s ms max %s ms (%s missed)\n' \
	"$PAGES" "$(field p50 "$WORK/fan-ours.out")" "$(field p99 "$WORK/fan-ours.out")" "$(field max "$WORK/fan-ours.out")" \
	"$(field answer_p50 "$WORK/fan-ours.out")" "$(field bytes_each "$WORK/fan-ours.out")" \
	"$(field missed "$WORK/fan-ours.out")" "$(field p50 "$WORK/fan-floor.out")" \
	"$(field p99 "$WORK/fan-floor.out")" "$(field max "$WORK/fan-floor.out")" "$(field missed "$WORK/fan-floor.out")"
printf 'after answer n=%-4s ours p50 %s ms p99 %s ms max %s ms | floor p50 %s ms p99 %s ms max %s ms\n' \
	"$PAGES" "$(field after_answer_p50 "$WORK/fan-ours.out")" "$(field after_answer_p99 "$WORK/fan-ours.out")" \
	"$(field after_answer_max "$WORK/fan-ours.out")" "$(field after_answer_p50 "$WORK/fan-floor.out")" \
	"$(field after_answer_p99 "$WORK/fan-floor.out")" "$(field after_answer_max "$WORK/fan-floor.out")"
# from the commit: each delivery's wall-clock time against the commit time of the event its
# frame names (the same clock: one machine)
grep '^delivery ' "$WORK/fan-ours.out" | awk '$2 != -1' >"$WORK/deliveries" || true
ids=$(awk '{ print $2 }' "$WORK/deliveries" | sort -u | paste -sd, -)
[ -n "$ids" ] || { echo "no delivery named its event" >&2; exit 1; }
sql "select id, (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000000)::bigint from order_event where id in ($ids)" |
	tr '|' ' ' >"$WORK/commits"
awk 'NR == FNR { at[$1] = $2; next } ($2 in at) && at[$2] != "" { printf "%.1f\n", ($3 - at[$2]) / 1000 }' \
	"$WORK/commits" "$WORK/deliveries" | sort -n >"$WORK/from-commit"
pct() { # p: the p-th percentile of the sorted figures in from-commit, as SseFanOut counts it
	awk -v p="$1" '{ v[NR] = $1 } END { i = int(p / 100 * NR); if (i < p / 100 * NR) i++; if (i < 1) i = 1; print v[i] }' "$WORK/from-commit"
}
printf 'from commit  n=%-4s ours p50 %s ms p99 %s ms max %s ms (%s of %s deliveries timed) | floor (from its request, its publish) p50 %s ms p99 %s ms\n' \
	"$PAGES" "$(pct 50)" "$(pct 99)" "$(pct 100)" "$(wc -l <"$WORK/from-commit")" "$(grep -c '^delivery ' "$WORK/fan-ours.out")" \
	"$(field p50 "$WORK/fan-floor.out")" "$(field p99 "$WORK/fan-floor.out")"

# 2. CROWD streams on one order beside unrelated requests, the order changing every second
beside() { # name port streams-file trigger-name url [header] -> "<rps> <p99> <non-2xx>" without, then with
	local name=$1 port=$2 specs=$3 url=$5 header=${6:-} n
	local -n trig=$4
	for n in 0 "$CROWD"; do
		start_client "$name-$n" "$port" "$specs" "$n" 1000 "${trig[@]}"
		wrk_run 64 "$url" "$header"
		stop_client >&2
	done
}
beside ours "$OURS_PORT" "$WORK/ours-streams" ours_trigger "$OURS/orders/BENCH-F2" "$COOKIE" >"$WORK/beside-ours"
beside floor "$FLOOR_PORT" "$WORK/floor-streams" floor_trigger "$FLOOR/orders/BENCH-F2" >"$WORK/beside-floor"
mapfile -t ours_beside <"$WORK/beside-ours"
mapfile -t floor_beside <"$WORK/beside-floor"
read -r or0 op0 ob0 <<<"${ours_beside[0]}"
read -r or1 op1 ob1 <<<"${ours_beside[1]}"
read -r fr0 fp0 fb0 <<<"${floor_beside[0]}"
read -r fr1 fp1 fb1 <<<"${floor_beside[1]}"
printf 'beside %-5s ours page p99 %s -> %s ms (%sx), %s -> %s req/s | floor page p99 %s -> %s ms (%sx), %s -> %s req/s\n' \
	"$CROWD" "$op0" "$op1" "$(awk -v a="$op1" -v b="$op0" 'BEGIN { printf "%.2f", a / b }')" \
	"$(thousands "$or0")" "$(thousands "$or1")" "$fp0" "$fp1" \
	"$(awk -v a="$fp1" -v b="$fp0" 'BEGIN { printf "%.2f", a / b }')" "$(thousands "$fr0")" "$(thousands "$fr1")"
total=$((ob0 + ob1 + fb0 + fb1))
[ "$total" = 0 ] || echo "  (warning: $total non-2xx answers in these runs)"
