#!/usr/bin/env bash
# Idle live order pages, beside the floor (DESIGN.md §9, issue 10): opens STREAMS (10,000) idle
# SSE streams on BO-1001's live page (/orders/BO-1001/events with the ORDER_ACCESS cookie) and as
# many on bench/floor's plain SSE endpoint, and reads each JVM's heap after a full GC
# (jcmd GC.run, GC.heap_info) before, with the streams open, and after they all disconnect at
# once. Targets: ours <= 1.5x the floor's heap and < 300 MB, nothing left after the disconnect.
# Prints lines such as
#   idle SSE     n=10000 ours 180 MB (9.1 KB each) | floor 120 MB (4.0 KB each) | ratio 1.50
#   after disconnect (5 s / 25 s): ours 3 / 1 MB above its baseline (148 MB), floor 0 / 0 MB (14 MB)
#
#   bash bench/sse-idle.sh
#   STREAMS=2000 bash bench/sse-idle.sh
# Needs jcmd (any JDK); about 4 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
STREAMS=${STREAMS:-10000}
. bench/lib.sh
# the apps and the client each hold one descriptor per stream
open_files "$STREAMS"
need jcmd "a JDK's bin folder"

heap_kb() { # pid: the heap in use after a full GC, in KB
	jcmd "$1" GC.run >/dev/null
	sleep 1
	jcmd "$1" GC.heap_info | sed -n 's/.* heap .*used \([0-9]*\)K.*/\1/p' | head -1
}

# Opens STREAMS streams on the given port and path, measures, disconnects them all, measures.
# Sets BASE_KB, OPEN_KB, AFTER_KB (5 s after the disconnect) and LATER_KB (25 s after).
idle_streams() { # name pid port path cookie
	local out="$WORK/clients-$1.out" hold="$WORK/hold-$1" client
	BASE_KB=$(heap_kb "$2")
	mkfifo "$hold"
	java -Xmx512m bench/SseClients.java "$3" "$4" "$5" "$STREAMS" <"$hold" >"$out" 2>&1 &
	client=$!
	EXTRA_PIDS+=("$client")
	exec 3>"$hold"
	for _ in $(seq 1 600); do
		grep -q '^ready' "$out" && break
		kill -0 "$client" 2>/dev/null || break
		sleep 0.5
	done
	grep '^ready' "$out" >/dev/null || { echo "the $1 streams did not open:" >&2; cat "$out" >&2; exit 1; }
	echo "$1: $(grep '^ready' "$out")"
	grep -q 'failed=0' "$out" || head -5 "$out" >&2
	sleep 5
	OPEN_KB=$(heap_kb "$2")
	exec 3>&-
	wait "$client" || true
	sleep 5
	AFTER_KB=$(heap_kb "$2")
	# a stream the server only notices gone at its next write (a heartbeat) is freed later
	sleep 20
	LATER_KB=$(heap_kb "$2")
}

build
start_both
open_demo_order
idle_streams ours "$OURS_PID" "$OURS_PORT" /orders/BO-1001/events "ORDER_ACCESS=$ACCESS"
ours_base=$BASE_KB ours_open=$OPEN_KB ours_after=$AFTER_KB ours_later=$LATER_KB
idle_streams floor "$FLOOR_PID" "$FLOOR_PORT" /orders/BO-1001/events -
floor_base=$BASE_KB floor_open=$OPEN_KB floor_after=$AFTER_KB floor_later=$LATER_KB
awk -v n="$STREAMS" -v ob="$ours_base" -v oo="$ours_open" -v oa="$ours_after" \
	-v ol="$ours_later" -v fb="$floor_base" -v fo="$floor_open" -v fa="$floor_after" -v fl="$floor_later" 'BEGIN {
	printf "idle SSE     n=%d ours %d MB (%.1f KB each) | floor %d MB (%.1f KB each) | ratio %.2f\n",
		n, oo / 1024, (oo - ob) / n, fo / 1024, (fo - fb) / n, oo / fo
	printf "after disconnect (5 s / 25 s): ours %d / %d MB above its baseline (%d MB), floor %d / %d MB (%d MB)\n",
		(oa - ob) / 1024, (ol - ob) / 1024, ob / 1024, (fa - fb) / 1024, (fl - fb) / 1024, fb / 1024
}'
