#!/usr/bin/env bash
# The customer order page under load, beside its floor (DESIGN.md §9, issue 10): ours at
# /orders/BO-1001 (security, the ORDER_ACCESS cookie, the order's stamp query, the rendered page
# cache) against bench/floor's page of about the same size (one R2DBC query, a Thymeleaf render,
# nothing else), both on the same embedded PostgreSQL. Targets: ratio >= 1.0, our p99 < 25 ms at
# 256 connections, no cliff from 256 to 512. Prints lines such as
#   order page   c=256  ours 5,400 req/s p99 48.0 ms | floor 9,800 req/s p99 30.0 ms | ratio 0.55
#
#   bash bench/order-page.sh                       # 3 rounds of 15 s per figure, medians
#   ROUNDS=5 DURATION=20s bash bench/order-page.sh
# Needs wrk (Debian: apt-get install wrk); about 8 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
need wrk "Debian: apt-get install wrk"

build
start_both
open_demo_order
floor_size=$(curl -fs "$FLOOR/orders/BO-1001" | wc -c)
echo "page sizes: ours $(wc -c <"$WORK/ours-page.html") bytes, floor $floor_size bytes"
echo "warming up the JIT: $WARMUP per app"
warm 64 "$OURS/orders/BO-1001" "$COOKIE"
warm 64 "$FLOOR/orders/BO-1001"
for c in ${CONNECTIONS:-64 256 512}; do
	compare "order page" "$c" "$OURS/orders/BO-1001" "$COOKIE" "$FLOOR/orders/BO-1001"
done
