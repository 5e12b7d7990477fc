#!/usr/bin/env bash
# The cost of a request through our whole chain, beside its floor (DESIGN.md §9, issue 10): a
# trivial request (/actuator/health/liveness; the floor answers the same URL from a bare
# WebFlux route) and a static asset (our content-hashed /css/app-<md5>.css, served from memory
# before the security chain; the floor serves the same file through plain WebFlux resource
# handling). Target for the asset: ratio >= 0.5. Prints lines such as
#   liveness     c=64   ours 9,000 req/s p99 12.0 ms | floor 30,000 req/s p99 5.0 ms | ratio 0.30
#
#   bash bench/request-path.sh                     # 3 rounds of 15 s per figure, medians
# Needs wrk (Debian: apt-get install wrk); about 6 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
need wrk "Debian: apt-get install wrk"

build
start_both
open_demo_order
css=$(grep -o 'href="/css/app-[0-9a-f]*\.css"' "$WORK/ours-page.html" | head -1 | sed 's/href="\(.*\)"/\1/')
[ -n "$css" ] || { echo "the order page links no hashed /css/app-<md5>.css" >&2; exit 1; }
echo "warming up the JIT: $WARMUP per app and URL"
warm 64 "$OURS/actuator/health/liveness"
warm 64 "$FLOOR/actuator/health/liveness"
warm 64 "$OURS$css"
warm 64 "$FLOOR/css/app.css"
for c in ${CONNECTIONS:-64 256}; do
	compare "liveness" "$c" "$OURS/actuator/health/liveness" "" "$FLOOR/actuator/health/liveness"
done
for c in ${CONNECTIONS:-64 256}; do
	compare "static css" "$c" "$OURS$css" "" "$FLOOR/css/app.css"
done
