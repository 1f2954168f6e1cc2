#!/usr/bin/env bash
# Bounded soak test (not in CI): builds the gateway in Release, starts the slow, paced upstream (upstream/slow.js) and
# the gateway routed to it, keeps STREAMS concurrent streams going for DURATION_S seconds (bench/soak.js), prints RSS
# samples and one SOAK line, and stops what it started (by PID). Fails if any stream did not end with [DONE].
#   bench/soak.sh                                   # 1,000 streams x 10 minutes
#   STREAMS=200 DURATION_S=60 bench/soak.sh         # a short run
# Ports: UPSTREAM_PORT (18091), GW_PORT (18090). Needs node >= 18 and the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
STREAMS=${STREAMS:-1000} DURATION_S=${DURATION_S:-600}
UPSTREAM_PORT=${UPSTREAM_PORT:-18091} GW_PORT=${GW_PORT:-18090}
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish Languru.Api -c Release -o "$work/gateway" --nologo -v quiet
PORT=$UPSTREAM_PORT TTFT_MS=${TTFT_MS:-50} ITL_MS=${ITL_MS:-10} CHUNKS=${CHUNKS:-20} node bench/upstream/slow.js 2>/dev/null & pids+=($!)
(cd "$work/gateway" && exec env Logging__LogLevel__Default=Warning \
  Languru__Providers__bench-slow__Type=openai \
  Languru__Providers__bench-slow__BaseUrl=http://127.0.0.1:$UPSTREAM_PORT/v1 \
  Languru__Providers__bench-slow__ListModels=false \
  dotnet Languru.Api.dll --urls http://127.0.0.1:$GW_PORT) & gateway=$!
pids+=("$gateway")
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$GW_PORT/health" >/dev/null && break; sleep 0.2; done

ulimit -n 65536 2>/dev/null || true
URL=http://127.0.0.1:$GW_PORT/v1/chat/completions BODY=bench/languru/body-slow.json \
  STREAMS=$STREAMS DURATION_S=$DURATION_S GW_PID=$gateway node bench/soak.js
