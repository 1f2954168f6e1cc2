#!/usr/bin/env bash
# Where Languru's CPU per request goes, by subtraction. In interleaved rounds it measures the floor (bench/floor,
# PARSE=1) and Languru with and without the features users run (FEATURES=1 and 0, as in side-by-side.sh), each on
# the echo provider (model `default`: no upstream call, the host stack alone) and on the canned upstream (whole
# answers and 21-event streams). CPU per request is the process's user and system time over MEASURE seconds of
# load.sh's json_c32 or stream_c32 (wrk, 32 connections; load.sh's PID accounting), after WARM seconds of the same.
# It prints each configuration's median over the rounds, then the differences: what the features cost, and what the
# upstream call costs Languru against the floor's whole forwarded request.
#   bench/decompose.sh [LG_MAIN]   env: ROUNDS=3 WARM=25 MEASURE=10 RESULTS=/tmp/decompose-<time>; about 5 min a round
# Loopback only: ports 18080 (the canned nginx upstream of bench/upstream), 18632 (Languru), 18602 (the floor).
# Stops what it started (by PID).
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=languru-env.sh
source "$BENCH/languru-env.sh"
LG_MAIN=$(cd "${1:-$BENCH/..}" && pwd)
ROUNDS=${ROUNDS:-3} WARM=${WARM:-25} MEASURE=${MEASURE:-10} PORT=18632 FLOOR_PORT=18602
RESULTS=${RESULTS:-/tmp/decompose-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$RESULTS"
work=$(mktemp -d /tmp/decompose.XXXXXX) LANGURU_PID= FLOOR_PID= NGINX_STARTED=
cleanup() {
  [[ -n "$LANGURU_PID" ]] && kill "$LANGURU_PID" 2>/dev/null || true
  [[ -n "$FLOOR_PID" ]] && kill "$FLOOR_PID" 2>/dev/null || true
  [[ -n "$NGINX_STARTED" && -f /tmp/bench-nginx/nginx.pid ]] && kill "$(cat /tmp/bench-nginx/nginx.pid)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

publish_languru "$LG_MAIN" "$work/languru" "$work/build.log"
publish_floor "$work/floor" "$work/build-floor.log"
start_canned_upstream
bench_body "$BENCH/body.json" bench-json "$work/json.json"
bench_body "$BENCH/body-stream.json" bench-stream "$work/stream.json"
sed 's#"model":"gpt-4o-mini"#"model":"default"#' "$BENCH/body.json" >"$work/echo.json"

# measure NAME PID TEST BASE BODY: WARM s of load.sh's TEST, then MEASURE s of it with the process accounted;
# appends "NAME total user sys" (µs per request) to $RESULTS/runs.txt
measure() {
  local line
  DURATION="${WARM}s" TESTS=$3 BODY_JSON=$5 BODY_STREAM=$5 "$BENCH/load.sh" "$4" >/dev/null
  line=$(PID=$2 DURATION="${MEASURE}s" TESTS=$3 BODY_JSON=$5 BODY_STREAM=$5 "$BENCH/load.sh" "$4")
  sed -n "s/.* cpu_us_per_req=\([0-9.]*\) cpu_user_us_per_req=\([0-9.]*\) cpu_sys_us_per_req=\([0-9.]*\).*/$1 \1 \2 \3/p" <<<"$line" \
    | tee -a "$RESULTS/runs.txt"
}
floor() { # NAME TEST BASE_PATH BODY
  (cd "$work/floor" && PARSE=1 exec ./floor --urls "http://127.0.0.1:$FLOOR_PORT") >"$RESULTS/floor.log" 2>&1 &
  FLOOR_PID=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$FLOOR_PORT/health" && break; sleep 0.05; done
  measure "$1" "$FLOOR_PID" "$2" "http://127.0.0.1:$FLOOR_PORT$3" "$4"
  kill "$FLOOR_PID"; wait "$FLOOR_PID" 2>/dev/null || true; FLOOR_PID=
}
languru() { # NAME TEST FEATURES BODY
  languru_env "$3" Warning
  start_languru "$work/languru" "$PORT" "$RESULTS/languru.log"
  measure "$1" "$LANGURU_PID" "$2" "http://127.0.0.1:$PORT/v1" "$4"
  kill "$LANGURU_PID"; wait "$LANGURU_PID" 2>/dev/null || true; LANGURU_PID=
}

echo "$(date -u +%FT%TZ) $(git -C "$LG_MAIN" rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$RESULTS/about.txt"
for round in $(seq "$ROUNDS"); do
  echo "== round $round of $ROUNDS (CPU per request: total user sys, µs)"
  floor floor-json json_c32 /v1 "$work/json.json"
  languru echo-f0 json_c32 0 "$work/echo.json"
  languru echo-f1 json_c32 1 "$work/echo.json"
  languru json-f0 json_c32 0 "$work/json.json"
  languru json-f1 json_c32 1 "$work/json.json"
  floor floor-stream stream_c32 /stream/v1 "$work/stream.json"
  languru stream-f0 stream_c32 0 "$work/stream.json"
  languru stream-f1 stream_c32 1 "$work/stream.json"
done

# medians, then the differences between them
awk '
  { v[$1] = v[$1] " " $2 }
  function median(s,   a, n, i, j, t) {
    n = split(s, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    split("floor-json echo-f0 echo-f1 json-f0 json-f1 floor-stream stream-f0 stream-f1", order, " ")
    print "== median CPU per request (µs), and each run"
    for (i = 1; i <= 8; i++) { k = order[i]; m[k] = median(v[k]); printf "%-13s %7.1f   (%s )\n", k, m[k], v[k] }
    print "== by subtraction (µs per request; × = against the floor of the same kind)"
    printf "the host stack alone (echo): %.1f without the features (%.1f×), %.1f with them (%.1f×)\n", m["echo-f0"], m["echo-f0"] / m["floor-json"], m["echo-f1"], m["echo-f1"] / m["floor-json"]
    printf "the features: %.1f on echo, %.1f on whole answers, %.1f on streams\n", m["echo-f1"] - m["echo-f0"], m["json-f1"] - m["json-f0"], m["stream-f1"] - m["stream-f0"]
    printf "the upstream call (whole answer - echo): %.1f without the features, %.1f with them; the floor'"'"'s whole request %.1f\n", m["json-f0"] - m["echo-f0"], m["json-f1"] - m["echo-f1"], m["floor-json"]
    printf "whole answers %.1f× the floor, streams %.1f× (with the features)\n", m["json-f1"] / m["floor-json"], m["stream-f1"] / m["floor-stream"]
  }' "$RESULTS/runs.txt" | tee "$RESULTS/summary.txt"
