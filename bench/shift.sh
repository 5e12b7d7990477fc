#!/usr/bin/env bash
# A supplier's restock dates moved for ORDERS (10,000) waiting orders (DESIGN.md §9, issue 10):
# the planner's "move every open restock of a supplier" on the staff restocks page (previewed,
# then POST /staff/restocks/shift as the preview's form sends it, logged in as the demo
# planner), 7 days later, for a supplier whose 10
# restocks (10 SKUs) ORDERS orders wait for (added to the database and planned by moving each
# restock through the API: see insert_orders in lib.sh). WATCHED (50) of those
# orders have their live page open (one SSE stream each, with the order's ORDER_ACCESS cookie
# from the lookup form). Timed from the request being sent: until every watched page has
# received the change, and until every one of the ORDERS orders has its e-mail queued in the
# outbox (a row added since, or one still pending; psql every 100 ms). Target: both within 5 s.
# Prints lines such as
#   shift 10000  answer 2.1 s | all 50 pages 3.0 s (p50 2.5 s) | all 10000 e-mails queued 2.2 s
#
#   bash bench/shift.sh
#   ORDERS=10000 WATCHED=50 bash bench/shift.sh
# Needs curl, psql and a JDK's java; about 5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
ORDERS=${ORDERS:-10000}
WATCHED=${WATCHED:-50}
SKUS=10
# one lookup per watched page, from one address; the demo shop is not needed, and only slows
# the start; the e-mails of the planning before the shift go out within a second (not after the
# usual 10 minutes), so that those the shift queues can be told from them
OURS_ARGS="--backorder.lookup.max-attempts=$((WATCHED + 10)) --backorder.demo-data.enabled=false \
--backorder.mail.coalescing-window=1s ${OURS_ARGS:-}"
. bench/lib.sh
need java "a JDK"
need psql "Debian: apt-get install postgresql-client"

build
start_both
expected=$(date -d '+20 days' +%F)
restocks=()
for s in $(seq 1 $SKUS); do
	api PUT "/products/BENCH-S$s" "{\"name\":\"Shift bench $s\",\"category\":\"Bench\",\"priceCents\":1000,\"currency\":\"EUR\"}" >/dev/null
	restocks+=("$(api POST /restocks "{\"sku\":\"BENCH-S$s\",\"supplier\":\"Bench Shift\",\"quantity\":$((ORDERS / SKUS + 100)),\"expectedOn\":\"$(date -d '+21 days' +%F)\"}" |
		grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)")
done
echo "adding $ORDERS orders over $SKUS SKUs of supplier Bench Shift, then planning them through the API"
start=$(date +%s)
for s in $(seq 1 $SKUS); do
	insert_orders BENCH-S- "BENCH-S$s" $((ORDERS / SKUS)) $(((s - 1) * (ORDERS / SKUS) + 1))
	move_restock "${restocks[$((s - 1))]}" "$expected"
done
echo "  in $(($(date +%s) - start)) s: $(sql "select count(*) from order_line where sku like 'BENCH-S%' and eta_latest is not null") lines with a delivery window"

# the watched pages: every (ORDERS / WATCHED)th order
: >"$WORK/streams"
for w in $(seq 1 "$WATCHED"); do
	i=$((w * ORDERS / WATCHED))
	echo "/orders/BENCH-S-$i/events $(order_access "BENCH-S-$i" "bench-s-$i@example.com")" >>"$WORK/streams"
done

# the planner, logged in, and the shift form's CSRF token
jar="$WORK/staff-cookies"
csrf=$(curl -fs -c "$jar" -b "$jar" "$OURS/staff/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -o /dev/null -c "$jar" -b "$jar" ${csrf:+--data-urlencode "_csrf=$csrf"} \
	--data-urlencode username=planner --data-urlencode password=planner "$OURS/staff/login"
csrf=$(curl -fs -c "$jar" -b "$jar" "$OURS/staff/restocks" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$csrf" ] || { echo "the planner's login failed (no form on /staff/restocks)" >&2; exit 1; }
# the preview, as the planner's form shows it first: its "Apply the move" form names each
# restock it showed with the version it saw, and the move is applied only as previewed
shift_form="scope=supplier&shiftSupplier=Bench+Shift&days=7&note="
curl -fs -o "$WORK/preview.html" -c "$jar" -b "$jar" --data "_csrf=$csrf&$shift_form" "$OURS/staff/restocks/shift/preview"
seen=$(grep -o 'name="seen" value="[0-9]*:[0-9]*"' "$WORK/preview.html" | sed 's/.*value="\([^"]*\)"/seen=\1/' | paste -sd '&' -)
[ -n "$seen" ] || { echo "the shift's preview showed no restocks to move" >&2; exit 1; }
staff_cookie=$(awk 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")

# wait until the planning's e-mails are sent, so what the shift queues is seen
bench_orders="select id from customer_order where number like 'BENCH-S-%'"
for _ in $(seq 1 600); do
	due=$(sql "select count(*) from mail_outbox where status in ('PENDING', 'SENDING') and next_attempt_at < now() + interval '1 minute' and order_id in ($bench_orders)")
	[ "$due" = 0 ] && break
	sleep 1
done
pending=$(sql "select count(*) from mail_outbox where status = 'PENDING' and order_id in ($bench_orders)")
before=$(sql "select coalesce(max(id), 0) from mail_outbox")
events_before=$(sql "select coalesce(max(id), 0) from order_event")
echo "outbox before the shift: $due due, $pending pending for these orders"
queued() {
	sql "select count(distinct order_id) from mail_outbox where (id > $before or status = 'PENDING') and order_id in ($bench_orders)"
}

# the shift, timed by the client that holds the watched pages; the outbox polled meanwhile
java -Xmx512m bench/SseFanOut.java "$OURS_PORT" "$WORK/streams" "$WATCHED" measure 1 0 \
	post "$OURS/staff/restocks/shift" application/x-www-form-urlencoded \
	"_csrf=$csrf&$shift_form&$seen" "Cookie: $staff_cookie" \
	>"$WORK/client.out" 2>&1 &
client=$!
EXTRA_PIDS+=("$client")
for _ in $(seq 1 1200); do
	grep -q '^fired_at' "$WORK/client.out" && break
	kill -0 "$client" 2>/dev/null || break
	sleep 0.05
done
fired=$(sed -n 's/^fired_at=//p' "$WORK/client.out")
[ -n "$fired" ] || { echo "the watched pages did not open:" >&2; cat "$WORK/client.out" >&2; exit 1; }
all_queued=
for _ in $(seq 1 600); do
	n=$(queued)
	if [ "$n" -ge "$ORDERS" ]; then
		all_queued=$(date +%s%3N)
		break
	fi
	sleep 0.1
done
wait "$client" || { cat "$WORK/client.out" >&2; exit 1; }
grep -v '^fired_at\|^delivery ' "$WORK/client.out"
touched=$(sql "select count(distinct order_id) from order_event where id > $events_before and order_id in ($bench_orders)")
field() { sed -n "s/^fanout .* $1=\([0-9-]*\).*/\1/p" "$WORK/client.out"; }
printf 'shift %-6s answer %s s | all %s pages %s s (p50 %s s, %s missed) | all %s e-mails queued %s s (orders with events since: %s)\n' \
	"$ORDERS" "$(awk -v v="$(field answer_p50)" 'BEGIN { printf "%.2f", v / 1000 }')" "$WATCHED" \
	"$(awk -v v="$(field max)" 'BEGIN { printf "%.2f", v / 1000 }')" \
	"$(awk -v v="$(field p50)" 'BEGIN { printf "%.2f", v / 1000 }')" "$(field missed)" "$ORDERS" \
	"$([ -n "$all_queued" ] && awk -v a="$all_queued" -v f="$fired" 'BEGIN { printf "%.2f", (a - f) / 1000 }' || echo "not within 60")" \
	"$touched"
