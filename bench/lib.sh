# Shared by the bench/ scripts that measure Backorder Desk beside its floor (bench/floor): builds
# both, starts ours in embedded mode on a throw-away data folder and the floor against the same
# PostgreSQL, on free ports, and stops what it started. Sourced, not run.
#
# Settings (environment): ROUNDS (3), DURATION per round (15s), WARMUP per app and URL (30s),
# JAVA_HEAP (2g, the same for both apps), OURS_ARGS (more arguments for ours, e.g. settings).

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-30s}
JAVA_HEAP=${JAVA_HEAP:-2g}
OURS_ARGS=${OURS_ARGS:-}
WORK=$(mktemp -d /tmp/backorder-bench.XXXXXX)
chmod 755 "$WORK" # the embedded PostgreSQL runs as nobody when we are root
OURS_PID=
FLOOR_PID=
EXTRA_PIDS=()

# Stops what this script started, by PID, and removes its folder; never fails the script.
cleanup() {
	local rc=$?
	set +e
	local pid
	for pid in "${EXTRA_PIDS[@]}" $FLOOR_PID $OURS_PID; do
		kill "$pid" 2>/dev/null
	done
	for pid in "${EXTRA_PIDS[@]}" $FLOOR_PID $OURS_PID; do
		for _ in $(seq 1 60); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.5
		done
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	# the app stops its PostgreSQL itself; if it was killed, stop the server it started
	if [ -f "$WORK/postgres/postmaster.pid" ]; then
		pid=$(head -1 "$WORK/postgres/postmaster.pid")
		[ -n "$pid" ] && kill "$pid" 2>/dev/null && sleep 2
	fi
	rm -rf "$WORK"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need() {
	command -v "$1" >/dev/null || { echo "$0 needs $1 ($2)" >&2; exit 2; }
}
need curl "Debian: apt-get install curl"

# A port nobody listens on now, picked by the kernel.
free_port() {
	if command -v python3 >/dev/null; then
		python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
	else
		local port
		while :; do
			port=$((20000 + RANDOM % 30000))
			(echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
		done
	fi
}

wait_for() { # url log: up to 5 minutes (a busy box loads the demo shop slowly)
	for _ in $(seq 1 600); do
		curl -fs -o /dev/null "$1" && return 0
		sleep 0.5
	done
	echo "nothing answered at $1; its log:" >&2
	tail -50 "$2" >&2
	exit 1
}

build() { # SKIP_BUILD=1 uses the jars built before
	if [ "${SKIP_BUILD:-}" != 1 ] || ! ls target/backorder-desk-*.jar bench/floor/target/floor-*.jar >/dev/null 2>&1; then
		echo "building Backorder Desk and the floor"
		./mvnw -q -B -DskipTests package
		(cd bench/floor && ../../mvnw -q -B -DskipTests package)
	fi
	OURS_JAR=$(ls target/backorder-desk-*.jar | grep -v plain | head -1)
	FLOOR_JAR=$(ls bench/floor/target/floor-*.jar | grep -v plain | head -1)
}

# Ours in embedded mode (demo shop: BO-1001 for ada@example.com), then the floor on its database;
# sets OURS, FLOOR, their ports and PIDs, and PG_PORT (user, password and database: backorder).
start_both() {
	OURS_PORT=$(free_port)
	# OURS_JVM_ARGS: more JVM options for ours only, e.g. a JFR recording
	# shellcheck disable=SC2086
	java -Xms"$JAVA_HEAP" -Xmx"$JAVA_HEAP" ${OURS_JVM_ARGS:-} -jar "$OURS_JAR" --server.port="$OURS_PORT" \
		--backorder.embedded.data-dir="$WORK/postgres" --logging.level.root=WARN \
		--logging.level.com.backorderdesk.embedded=INFO $OURS_ARGS >"$WORK/ours.log" 2>&1 &
	OURS_PID=$!
	OURS="http://127.0.0.1:$OURS_PORT"
	# ready: the demo shop is loaded (liveness answers before it is)
	wait_for "$OURS/actuator/health/readiness" "$WORK/ours.log"
	local pg
	pg=$(sed -n 's/.*Embedded PostgreSQL on 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/ours.log" | head -1)
	[ -n "$pg" ] || { echo "no embedded PostgreSQL port in $WORK/ours.log" >&2; exit 1; }
	FLOOR_PORT=$(free_port)
	java -Xms"$JAVA_HEAP" -Xmx"$JAVA_HEAP" -jar "$FLOOR_JAR" --server.port="$FLOOR_PORT" \
		--spring.r2dbc.url="r2dbc:postgresql://127.0.0.1:$pg/backorder" --spring.r2dbc.username=backorder \
		--spring.r2dbc.password=backorder --spring.web.resources.static-locations="file:$PWD/frontend-assets/" \
		>"$WORK/floor.log" 2>&1 &
	FLOOR_PID=$!
	FLOOR="http://127.0.0.1:$FLOOR_PORT"
	wait_for "$FLOOR/actuator/health/liveness" "$WORK/floor.log"
	PG_PORT=$pg
	echo "ours: pid $OURS_PID at $OURS; floor: pid $FLOOR_PID at $FLOOR; PostgreSQL on port $pg"
}

# Opens BO-1001 the way a customer does (lookup form) and keeps the ORDER_ACCESS cookie.
open_demo_order() {
	local jar="$WORK/cookies" csrf status
	csrf=$(curl -fs -c "$jar" -b "$jar" "$OURS/" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -fs -o /dev/null -c "$jar" -b "$jar" ${csrf:+--data-urlencode "_csrf=$csrf"} \
		--data-urlencode "number=BO-1001" --data-urlencode "email=ada@example.com" "$OURS/lookup"
	ACCESS=$(awk '$6 == "ORDER_ACCESS" { print $7 }' "$jar" | tail -1)
	[ -n "$ACCESS" ] || { echo "the lookup of BO-1001 gave no ORDER_ACCESS cookie" >&2; exit 1; }
	COOKIE="Cookie: ORDER_ACCESS=$ACCESS"
	status=$(curl -s -o "$WORK/ours-page.html" -w '%{http_code}' -H "$COOKIE" "$OURS/orders/BO-1001")
	[ "$status" = 200 ] || { echo "could not open BO-1001 with the cookie (HTTP $status)" >&2; exit 1; }
}

# A JSON API call with the demo key (embedded mode's API key); prints the answer, fails on an error.
api() { # method path [body]
	curl -fsS -X "$1" -H 'Authorization: Bearer demo-api-key' -H 'Content-Type: application/json' \
		"$OURS/api/v1$2" ${3:+-d "$3"}
}

# Opens as many files as the hard limit allows; fails the script unless there is room for n
# sockets more than the usual.
open_files() { # n
	ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
	[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -gt $(($1 + 1000)) ] || {
		echo "$1 streams need more than $(ulimit -n) open files (ulimit -n)" >&2
		exit 2
	}
}

# The ORDER_ACCESS cookie a customer gets by looking an order up (number and e-mail), as
# "ORDER_ACCESS=<value>"; fails the script when the lookup grants none.
order_access() { # number email
	local jar csrf access
	jar=$(mktemp "$WORK/jar.XXXXXX")
	csrf=$(curl -fs -c "$jar" -b "$jar" "$OURS/" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -fs -o /dev/null -c "$jar" -b "$jar" ${csrf:+--data-urlencode "_csrf=$csrf"} \
		--data-urlencode "number=$1" --data-urlencode "email=$2" "$OURS/lookup"
	access=$(awk '$6 == "ORDER_ACCESS" { print $7 }' "$jar" | tail -1)
	rm -f "$jar"
	[ -n "$access" ] || { echo "the lookup of $1 gave no ORDER_ACCESS cookie" >&2; exit 1; }
	echo "ORDER_ACCESS=$access"
}

# Places the orders whose JSON bodies are the lines of a file through POST /api/v1/orders (the
# demo key), PARALLEL (4) at a time on one curl; a request that fails is sent again (placing an
# order number twice with the same body places it once); fails the script unless every order is
# placed.
place_orders() { # bodies-file
	local config="$WORK/place.curl" codes="$WORK/place.codes" body sep=
	: >"$config"
	while IFS= read -r body; do
		printf '%surl = "%s/api/v1/orders"\nheader = "Authorization: Bearer demo-api-key"\nheader = "Content-Type: application/json"\ndata = "%s"\noutput = "/dev/null"\nretry = 3\nretry-all-errors\nwrite-out = "%%{http_code}\\n"\n' \
			"$sep" "$OURS" "${body//\"/\\\"}" >>"$config"
		sep=$'next\n'
	done <"$1"
	curl -s --no-progress-meter --parallel --parallel-max "${PARALLEL:-4}" -K "$config" >"$codes" || true
	local placed
	placed=$(grep -c '^20[01]$' "$codes" || true)
	[ "$placed" = "$(wc -l <"$1")" ] || {
		echo "placed $placed of $(wc -l <"$1") orders; answers: $(sort "$codes" | uniq -c | tr '\n' ' ')" >&2
		exit 1
	}
}

# Adds n orders of one unit of a SKU straight to the database, numbered <prefix>1..<prefix>n for
# <prefix-in-lower-case><i>@example.com, placed one millisecond apart ending a minute ago, with
# nothing planned: placing 10,000 orders through the API one after another takes longer than a
# benchmark should on 2 shared cores. What the product does with them is then its own work: a
# change of the SKU's supply through the API (move_restock) plans the whole queue, with its events
# and e-mails. Placing an order through the API is what bench/queue-growth.sh times.
insert_orders() { # prefix sku n [first]
	local first=${4:-1}
	sql "with o as (
			insert into customer_order (number, customer_email, customer_name, placed_at)
			select '$1' || g, lower('$1') || g || '@example.com', 'Bench', now() - interval '1 minute'
				- ($first + $3 - g) * interval '1 millisecond'
			from generate_series($first, $first + $3 - 1) g
			returning id)
		insert into order_line (order_id, line_no, sku, quantity, unit_price_cents, currency)
		select id, 1, '$2', 1, 1000, 'EUR' from o" >/dev/null
}

# Moves a restock's expected date through the JSON API (PATCH /api/v1/restocks/<id>), which
# plans its SKU's whole queue again.
move_restock() { # id date
	local version
	version=$(api GET "/restocks/$1" | grep -o '"version":[0-9]*' | cut -d: -f2)
	api PATCH "/restocks/$1" "{\"expectedOn\":\"$2\",\"version\":$version}" >/dev/null
}

# psql on ours' embedded database: the query's rows, unaligned, no headers.
sql() { # query
	PGPASSWORD=backorder psql -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U backorder -d backorder -c "$1"
}

# wrk's figures as "<requests/s> <p99 ms> <non-2xx>"; a header may be given as the 3rd argument.
wrk_run() { # connections url [header]
	local out rps p99 bad
	if [ -n "${3:-}" ]; then
		out=$(wrk -t2 -c"$1" -d"$DURATION" --latency -H "$3" "$2")
	else
		out=$(wrk -t2 -c"$1" -d"$DURATION" --latency "$2")
	fi
	rps=$(awk '/^Requests\/sec/ { printf "%d", $2 }' <<<"$out")
	p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.1f", v }' <<<"$out")
	bad=$(awk '/Non-2xx/ { n = $NF } /Socket errors/ { e = $0 } END { print (n == "" ? 0 : n) }' <<<"$out")
	echo "$rps $p99 $bad"
}

warm() { # connections url [header]
	local saved=$DURATION
	DURATION=$WARMUP
	wrk_run "$@" >/dev/null
	DURATION=$saved
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

thousands() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

# Alternates ours and the floor in ROUNDS rounds (which goes first alternates too) and prints
#   <label>  c=<n>  ours <r> req/s p99 <ms> ms | floor <r> req/s p99 <ms> ms | ratio <ours/floor>
compare() { # label connections ours-url ours-header floor-url
	local label=$1 c=$2 i first
	local -a ours_rps=() ours_p99=() floor_rps=() floor_p99=() bad=()
	for i in $(seq 1 "$ROUNDS"); do
		for first in ours floor; do
			if { [ $((i % 2)) = 1 ] && [ $first = ours ]; } || { [ $((i % 2)) = 0 ] && [ $first = floor ]; }; then
				read -r r p b <<<"$(wrk_run "$c" "$3" "$4")"
				ours_rps+=("$r"); ours_p99+=("$p"); bad+=("$b")
			else
				read -r r p b <<<"$(wrk_run "$c" "$5")"
				floor_rps+=("$r"); floor_p99+=("$p"); bad+=("$b")
			fi
		done
	done
	local or op fr fp
	or=$(printf '%s\n' "${ours_rps[@]}" | median)
	op=$(printf '%s\n' "${ours_p99[@]}" | median)
	fr=$(printf '%s\n' "${floor_rps[@]}" | median)
	fp=$(printf '%s\n' "${floor_p99[@]}" | median)
	printf '%-12s c=%-4s ours %s req/s p99 %s ms | floor %s req/s p99 %s ms | ratio %s\n' "$label" "$c" \
		"$(thousands "$or")" "$op" "$(thousands "$fr")" "$fp" "$(awk -v a="$or" -v b="$fr" 'BEGIN { printf "%.2f", a / b }')"
	local total
	total=$(printf '%s\n' "${bad[@]}" | awk '{ s += $1 } END { print s }')
	[ "$total" = 0 ] || echo "  (warning: $total non-2xx answers in these runs)"
}
