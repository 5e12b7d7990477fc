#!/usr/bin/env bash
# Placing an order as a SKU's queue grows (DESIGN.md §9, issue 10): the latency of POST
# /api/v1/orders for one unit of a SKU with a restock far ahead, for SAMPLE (40) orders one after
# another on an empty queue (the 1st..40th), then again once QUEUE (10,000) orders wait for it
# (the others added to the database and planned by moving the restock through the API: see
# insert_orders in lib.sh; sampled once the database is idle again, SETTLE (10) s after).
# Target: the 10,000th within 2x of the 1st. WARM_ORDERS (100) orders
# of another SKU warm the JIT up first.
# Prints lines such as
#   place order  queue 0: p50 25.0 ms p90 40.0 ms | queue 10000: p50 30.0 ms p90 45.0 ms | ratio p50 1.20 p90 1.12
#
#   bash bench/queue-growth.sh
#   QUEUE=10000 SAMPLE=40 bash bench/queue-growth.sh
# Needs curl and psql; about 4 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
QUEUE=${QUEUE:-10000}
SAMPLE=${SAMPLE:-40}
WARM_ORDERS=${WARM_ORDERS:-100}
# the demo shop is not needed here, and only slows the start
OURS_ARGS="--backorder.demo-data.enabled=false ${OURS_ARGS:-}"
. bench/lib.sh
need psql "Debian: apt-get install postgresql-client"

build
start_both
far=$(date -d '+60 days' +%F)
declare -A restock
for sku in BENCH-WARM BENCH-Q; do
	api PUT "/products/$sku" "{\"name\":\"Queue bench $sku\",\"category\":\"Bench\",\"priceCents\":1000,\"currency\":\"EUR\"}" >/dev/null
	restock[$sku]=$(api POST /restocks "{\"sku\":\"$sku\",\"supplier\":\"Bench Queue\",\"quantity\":50000,\"expectedOn\":\"$far\"}" |
		grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
done
body() { # number sku
	printf '{"number":"%s","customer":{"email":"%s@example.com","name":"Queue bench"},"lines":[{"sku":"%s","quantity":1}]}\n' \
		"$1" "$(tr 'A-Z' 'a-z' <<<"$1")" "$2"
}

# the latency of placing SAMPLE orders one after another, in ms, one a line
sample() { # prefix
	local i
	for i in $(seq 1 "$SAMPLE"); do
		curl -fsS -o /dev/null -w '%{time_total}\n' -X POST -H 'Authorization: Bearer demo-api-key' \
			-H 'Content-Type: application/json' -d "$(body "$1-$i" BENCH-Q)" "$OURS/api/v1/orders"
	done | awk '{ printf "%.1f\n", $1 * 1000 }'
}
percentile() { # p: of the numbers on standard input
	sort -g | awk -v p="$1" '{ v[NR] = $1 } END { i = int(p / 100 * NR + 0.999999); if (i < 1) i = 1; print v[i] }'
}

echo "warming up: $WARM_ORDERS orders of another SKU"
for i in $(seq 1 "$WARM_ORDERS"); do body "BENCH-W$i" BENCH-WARM; done >"$WORK/warm.bodies"
place_orders "$WORK/warm.bodies"

sample BENCH-QA >"$WORK/first.ms"
echo "adding $((QUEUE - SAMPLE)) more orders of BENCH-Q, then planning its queue through the API"
start=$(date +%s)
insert_orders BENCH-Q BENCH-Q $((QUEUE - SAMPLE))
move_restock "${restock[BENCH-Q]}" "$(date -d '+59 days' +%F)"
echo "  in $(($(date +%s) - start)) s; BENCH-Q: $(sql "select count(*) from order_line where sku = 'BENCH-Q'") lines, $(sql "select count(*) from order_line where sku = 'BENCH-Q' and eta_latest is not null") with a delivery window"
# what follows the planning (its events read by every listener) settles first
for _ in $(seq 1 120); do
	[ "$(sql "select count(*) from pg_stat_activity where datname = 'backorder' and state = 'active' and pid <> pg_backend_pid()")" = 0 ] && break
	sleep 1
done
sleep "${SETTLE:-10}"
sample BENCH-QB >"$WORK/last.ms"

f50=$(percentile 50 <"$WORK/first.ms")
f90=$(percentile 90 <"$WORK/first.ms")
l50=$(percentile 50 <"$WORK/last.ms")
l90=$(percentile 90 <"$WORK/last.ms")
printf 'place order  queue 0: p50 %s ms p90 %s ms | queue %s: p50 %s ms p90 %s ms | ratio p50 %s p90 %s\n' \
	"$f50" "$f90" "$QUEUE" "$l50" "$l90" "$(awk -v a="$l50" -v b="$f50" 'BEGIN { printf "%.2f", a / b }')" \
	"$(awk -v a="$l90" -v b="$f90" 'BEGIN { printf "%.2f", a / b }')"
