#!/usr/bin/env bash
# How fast a cold Languru reaches steady state: publishes the gateway (Release, as users deploy it), starts it fresh
# with the features of side-by-side.sh (an API key with limits, Prometheus, the request log line), puts json_c32
# load on it at once, and prints the throughput of every second for SECONDS_OF_LOAD seconds, then the first second
# from which three seconds in a row reach 90% of the last 10 seconds' median. Stops what it started (by PID). Loopback only; ports 18080 (the canned
# nginx upstream of bench/upstream) and 18621.
#   bench/warmup.sh [LG_MAIN]     env: SECONDS_OF_LOAD=40  PUBLISH_ARGS (e.g. -p:PublishReadyToRun=false)  LG_ENV
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=languru-env.sh
source "$BENCH/languru-env.sh"
LG_MAIN=$(cd "${1:-$BENCH/..}" && pwd)
SECS=${SECONDS_OF_LOAD:-40} PORT=18621
work=$(mktemp -d /tmp/warmup.XXXXXX) LANGURU_PID= NGINX_STARTED=
cleanup() {
  [[ -n "$LANGURU_PID" ]] && kill "$LANGURU_PID" 2>/dev/null || true
  [[ -n "$NGINX_STARTED" && -f /tmp/bench-nginx/nginx.pid ]] && kill "$(cat /tmp/bench-nginx/nginx.pid)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck disable=SC2086
publish_languru "$LG_MAIN" "$work/languru" "$work/build.log" ${PUBLISH_ARGS:-}
start_canned_upstream
bench_body "$BENCH/body.json" bench-json "$work/body.json"
languru_env 1 Warning
started=$(date +%s.%N)
start_languru "$work/languru" "$PORT" "$work/languru.log"
echo "listening after $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }') s"
cd "$BENCH/.."
for s in $(seq "$SECS"); do
  r=$(BODY="$work/body.json" wrk -t1 -c32 -d1s -s bench/post.lua "http://127.0.0.1:$PORT/v1/chat/completions" | sed -n 's/^RESULT //p')
  echo "second=$s $r"
done | tee "$work/seconds.txt"
rps=($(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' "$work/seconds.txt"))
from=$(( ${#rps[@]} > 10 ? ${#rps[@]} - 10 : 0 ))
med=$(printf '%s\n' "${rps[@]:$from}" | sort -g | awk '{ v[NR] = $1 } END { print v[int(NR / 2) + 1] }')
printf '%s\n' "${rps[@]}" | awk -v med="$med" '{ r[NR] = $1 }
  END { for (i = 1; i <= NR - 2; i++) if (r[i] >= 0.9 * med && r[i + 1] >= 0.9 * med && r[i + 2] >= 0.9 * med) {
          printf "SUMMARY steady_rps=%.0f reached_90pct_at_second=%d\n", med, i; exit }
        printf "SUMMARY steady_rps=%.0f reached_90pct_at_second=never\n", med }'
