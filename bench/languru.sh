#!/usr/bin/env bash
# Benchmarks Languru with the harness of this folder (see README.md here): builds the gateway in Release, starts the
# two upstreams and the gateway routed to them by model name, runs compare.sh, and stops what it started (by PID).
#   apt-get install -y nginx-light wrk      (node is needed too)
#   bench/languru.sh                         ROUNDS, DURATION, TESTS, … pass through to compare.sh
# The gateway serves bench-json/…, bench-stream/… and bench-slow/… (bench/languru/body*.json) from OpenAI-type
# providers pointed at the canned nginx upstream (JSON, SSE) and at the slow, paced upstream.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f /tmp/bench-nginx/nginx.pid ]] && kill "$(cat /tmp/bench-nginx/nginx.pid)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish Languru.Api -c Release -o "$work/gateway" --nologo -v quiet
mkdir -p /tmp/bench-nginx
nginx -c "$PWD/bench/upstream/nginx.conf" -p /tmp/bench-nginx/
node bench/upstream/slow.js 2>/dev/null & pids+=($!)
provider() { # name base-url
  echo "Languru__Providers__$1__Type=openai" "Languru__Providers__$1__BaseUrl=$2" "Languru__Providers__$1__ListModels=false"
}
# shellcheck disable=SC2046
(cd "$work/gateway" && exec env Logging__LogLevel__Default=Warning \
  $(provider bench-json http://127.0.0.1:18080/v1) \
  $(provider bench-stream http://127.0.0.1:18080/stream/v1) \
  $(provider bench-slow http://127.0.0.1:18081/v1) \
  dotnet Languru.Api.dll --urls http://127.0.0.1:8080) & gateway=$!
pids+=("$gateway")
for _ in $(seq 50); do curl -sf http://127.0.0.1:8080/health >/dev/null && break; sleep 0.2; done

GW=http://127.0.0.1:8080/v1 GW_SLOW=http://127.0.0.1:8080/v1 GW_PID=$gateway NAME=languru \
  BODY_JSON=bench/languru/body.json BODY_STREAM=bench/languru/body-stream.json BODY_SLOW=bench/languru/body-slow.json \
  bench/compare.sh
