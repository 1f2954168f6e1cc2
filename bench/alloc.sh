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
work=$(mktemp -d /tmp/alloc.XXXXXX) gw= load= nginx_started=
cleanup() {
  [[ -n "$load" ]] && kill "$load" 2>/dev/null || true
  [[ -n "$gw" ]] && kill "$gw" 2>/dev/null || true
  [[ -n "$nginx_started" && -f /tmp/bench-nginx/nginx.pid ]] && kill "$(cat /tmp/bench-nginx/nginx.pid)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
dotnet publish "$LG_MAIN/Languru.Api" -c Release -o "$work/languru" --nologo -v quiet >"$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log" >&2; exit 1; }
dotnet build "$BENCH/alloc" -c Release -o "$work/alloc" --nologo -v quiet >"$work/build-alloc.log" 2>&1 \
  || { tail -30 "$work/build-alloc.log" >&2; exit 1; }
if ! curl -s -o /dev/null http://127.0.0.1:18080/health; then
  mkdir -p /tmp/bench-nginx; nginx -c "$BENCH/upstream/nginx.conf" -p /tmp/bench-nginx/; nginx_started=1
fi
body=body.json model=bench-json
[[ "$KIND" == stream ]] && body=body-stream.json model=bench-stream
sed "s#\"model\":\"gpt-4o-mini\"#\"model\":\"$model/gpt-4o-mini\"#" "$BENCH/$body" >"$work/body.json"
languru_env "${FEATURES:-1}" Warning
# shellcheck disable=SC2086
(cd "$work/languru" && exec env "${LANGURU_ENV[@]}" ${LG_ENV:-} dotnet Languru.Api.dll --urls "http://127.0.0.1:$PORT") \
  >"$OUT/languru.log" 2>&1 &
gw=$!
for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live" && break; sleep 0.05; done
cd "$BENCH/.."
BODY="$work/body.json" wrk -t1 -c32 -d"$((WARM + TRACE + 30))s" -s bench/post.lua "http://127.0.0.1:$PORT/v1/chat/completions" >"$OUT/wrk.txt" &
load=$!
sleep "$WARM"
dotnet-trace collect -p "$gw" --profile gc-verbose --providers Microsoft.AspNetCore.Hosting:0:4 \
  --duration "00:00:00:$(printf '%02d' "$TRACE")" -o "$OUT/$KIND.nettrace" >"$OUT/trace.log" 2>&1
kill "$load" 2>/dev/null || true; load=
dotnet "$work/alloc/Languru.Bench.Alloc.dll" "$OUT/$KIND.nettrace" | tee "$OUT/report.txt"
