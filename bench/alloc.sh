#!/usr/bin/env bash
# Bytes allocated per request by the gateway under steady load, and where: publishes the gateway (Release, as users
# deploy it), starts it with the features of side-by-side.sh (FEATURES=1: an API key with limits, Prometheus, the
# request log line), puts 32 connections of whole answers (KIND=json) or 21-event streams (KIND=stream) on it for
# WARM seconds, then captures TRACE seconds of the GC's allocation samples and ASP.NET Core's request events with
# dotnet-trace, and prints bench/alloc's report (per request: by component, type and stack). Stops what it started
# (by PID). Loopback only; ports 18080 (the canned nginx upstream of bench/upstream) and 18631.
#   bench/alloc.sh [LG_MAIN]    env: KIND=json WARM=30 TRACE=10 FEATURES=1 LG_ENV OUT=/tmp/alloc-<time>
# Needs dotnet-trace: dotnet tool install -g dotnet-trace (it is looked for in ~/.dotnet/tools too).
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=languru-env.sh
source "$BENCH/languru-env.sh"
LG_MAIN=$(cd "${1:-$BENCH/..}" && pwd)
KIND=${KIND:-json} WARM=${WARM:-30} TRACE=${TRACE:-10} PORT=18631
OUT=${OUT:-/tmp/alloc-$(date +%Y%m%d-%H%M%S)}
PATH=$PATH:$HOME/.dotnet/tools
command -v dotnet-trace >/dev/null || { echo "dotnet-trace is missing: dotnet tool install -g dotnet-trace" >&2; exit 2; }
mkdir -p "$OUT"
work=$(mktemp -d /tmp/alloc.XXXXXX) LANGURU_PID= load= NGINX_STARTED=
cleanup() {
  [[ -n "$load" ]] && kill "$load" 2>/dev/null || true
  [[ -n "$LANGURU_PID" ]] && kill "$LANGURU_PID" 2>/dev/null || true
  [[ -n "$NGINX_STARTED" && -f /tmp/bench-nginx/nginx.pid ]] && kill "$(cat /tmp/bench-nginx/nginx.pid)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
publish_languru "$LG_MAIN" "$work/languru" "$work/build.log"
dotnet build "$BENCH/alloc" -c Release -o "$work/alloc" --nologo -v quiet >"$work/build-alloc.log" 2>&1 \
  || { tail -30 "$work/build-alloc.log" >&2; exit 1; }
start_canned_upstream
if [[ "$KIND" == stream ]]; then bench_body "$BENCH/body-stream.json" bench-stream "$work/body.json"
else bench_body "$BENCH/body.json" bench-json "$work/body.json"; fi
languru_env "${FEATURES:-1}" Warning
start_languru "$work/languru" "$PORT" "$OUT/languru.log"
cd "$BENCH/.."
BODY="$work/body.json" wrk -t1 -c32 -d"$((WARM + TRACE + 30))s" -s bench/post.lua "http://127.0.0.1:$PORT/v1/chat/completions" >"$OUT/wrk.txt" &
load=$!
sleep "$WARM"
dotnet-trace collect -p "$LANGURU_PID" --profile gc-verbose --providers Microsoft.AspNetCore.Hosting:0:4 \
  --duration "$(printf '00:00:%02d:%02d' $((TRACE / 60)) $((TRACE % 60)))" -o "$OUT/$KIND.nettrace" >"$OUT/trace.log" 2>&1
kill "$load" 2>/dev/null || true; load=
dotnet "$work/alloc/Languru.Bench.Alloc.dll" "$OUT/$KIND.nettrace" | tee "$OUT/report.txt"
