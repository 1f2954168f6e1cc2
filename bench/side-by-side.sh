#!/usr/bin/env bash
# Languru vs the floor (bench/floor, a lean .NET forwarder) vs Portkey, side by side in ONE run: starts the two
# upstreams, then, one gateway at a time, runs compare.sh (direct vs that gateway, paired rounds, GW_PID set) for
# an A/A (nginx against itself), the floor (PARSE=1), Languru and optionally Portkey, and prints one table of
# each gateway's overheads and of Languru's and Portkey's costs relative to the floor. Stops all it started.
#   bench/side-by-side.sh [LG_MAIN]      LG_MAIN: a Languru checkout (default: the one this script is in); it is
#                                        copied (tracked + untracked, not ignored files) and published in Release
# (Languru's copy of ../shared/bench/side-by-side.sh; the floor is bench/floor. The difference: FEATURES.)
# env: ROUNDS=5 DURATION=4s WARMUP=5s TESTS="json_c32 json_c1 stream_c32 ttft" (passed to compare.sh)
#      LG_LOG_LEVEL=Warning  Languru's Logging:LogLevel:Default, as in production and in the earlier runs
#      FEATURES=1            Languru with the features users run: every request carries an API key that has a
#                            requests-per-minute and a tokens-per-minute limit (set far above what the load reaches),
#                            Prometheus /metrics on, and the per-request log line (Languru.Requests) at Information,
#                            written to a file as a service's stdout would be; FEATURES=0: open mode, no metrics, no
#                            request lines
#      LG_ENV="K=V K2=V2"    extra environment for Languru only (e.g. DOTNET_gcServer=0)
#      PORTKEY=1 PORTKEY_DIR=<scratch dir with node_modules/@portkey-ai/gateway>, installed with
#        npm init -y; package.json "dependencies": {"@portkey-ai/gateway": "1.15.2"},
#        "overrides": {"@hono/node-server": "1.13.5", "hono": "4.9.7"}; npm install   (pinned: newer ones break its streaming)
#      GATEWAYS="aa floor languru portkey"  which comparisons to run, in this order
#      PREWARM=20s  json_c32 + stream_c32 load on each gateway before its compare.sh (whose own warm-up is
#                   5 s): Languru's tiered JIT + PGO needs ~30 s of load to reach steady state; 0 to skip
#      LOAD_MAX=1 LOAD_WAIT=300   wait (at most LOAD_WAIT s) until the 1-min load average is below LOAD_MAX
#      RESULTS=/tmp/side-by-side-<time>  raw compare.sh outputs and the table
# Ports: upstreams 18080/18081 (bench/upstream), Languru 18601, floor 18602, Portkey 18603; loopback only.
# The last line is machine-readable: languru/floor: cpu=X.XX rps=Y.YY ttfb_delta=+Z ms
#   cpu = json_c32 CPU per request, Languru / floor; rps = json_c32 rps_ratio, Languru / floor;
#   ttfb_delta = ttft d_ttfb_p50_ms, Languru - floor.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
LG_MAIN=$(cd "${1:-${LG_MAIN:-$BENCH/..}}" && pwd)
export ROUNDS=${ROUNDS:-5} DURATION=${DURATION:-4s} WARMUP=${WARMUP:-5s}
export TESTS=${TESTS:-json_c32 json_c1 stream_c32 ttft}
LG_LOG_LEVEL=${LG_LOG_LEVEL:-Warning}
FEATURES=${FEATURES:-1}
# shellcheck source=languru-env.sh
source "$BENCH/languru-env.sh"
PORTKEY=${PORTKEY:-0}; PORTKEY_DIR=${PORTKEY_DIR:-}
GATEWAYS=${GATEWAYS:-aa floor languru portkey}
RESULTS=${RESULTS:-/tmp/side-by-side-$(date +%Y%m%d-%H%M%S)}
LG_PORT=18601 FLOOR_PORT=18602 PK_PORT=18603
unset GW GW_STREAM GW_SLOW GW_HEADERS GW_STREAM_HEADERS GW_SLOW_HEADERS GW_PID OUT NAME DIRECT DIRECT_STREAM DIRECT_SLOW
[[ -d "$LG_MAIN/Languru.Api" ]] || { echo "no Languru.Api in $LG_MAIN (pass a Languru checkout)" >&2; exit 2; }
if [[ "$PORTKEY" == 1 && ! -f "$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js" ]]; then
  echo "PORTKEY=1 but no @portkey-ai/gateway under PORTKEY_DIR='$PORTKEY_DIR' (see the header)" >&2; exit 2; fi
for p in 18080 18081 $LG_PORT $FLOOR_PORT $PK_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is already in use; stop what holds it" >&2; exit 2; fi
done
mkdir -p "$RESULTS"
work=$(mktemp -d /tmp/side-by-side-work.XXXXXX)
pids=() gw_pid= nginx_started=

stop() { # pid...: TERM, up to 5 s, then KILL (Portkey ignores TERM)
  local p; for p in "$@"; do kill "$p" 2>/dev/null || true; done
  for p in "$@"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
}
cleanup() {
  stop ${gw_pid:+"$gw_pid"} ${pids[@]+"${pids[@]}"}
  [[ -n "$nginx_started" && -f /tmp/bench-nginx/nginx.pid ]] && kill "$(cat /tmp/bench-nginx/nginx.pid)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "== $*" >&2; }
up="$(date -u +%FT%TZ) $(nproc) cores; uptime before: $(uptime)"; say "$up"; echo "$up" >"$RESULTS/uptime.txt"
lg_rev=$(git -C "$LG_MAIN" rev-parse --short HEAD 2>/dev/null || echo '?')
[[ -n "$(git -C "$LG_MAIN" status --porcelain 2>/dev/null)" ]] && lg_rev="$lg_rev+dirty"
say "Languru $LG_MAIN @ $lg_rev, log level $LG_LOG_LEVEL, features=$FEATURES${LG_ENV:+, env $LG_ENV}; rounds=$ROUNDS duration=$DURATION"

# --- build (before anything runs, so that the build's load has decayed by the first round) ---
mkdir -p "$work/src/languru"
if git -C "$LG_MAIN" rev-parse 2>/dev/null; then
  (cd "$LG_MAIN" && git ls-files -co --exclude-standard -z | tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -C "$work/src/languru" -xf -
else
  tar -C "$LG_MAIN" --exclude=bin --exclude=obj --exclude=node_modules --exclude=.git -cf - . | tar -C "$work/src/languru" -xf -
fi
say "publishing Languru and the floor (Release)"
publish_languru "$work/src/languru" "$work/languru" "$work/build-languru.log"
publish_floor "$work/floor" "$work/build-floor.log"

# bodies: the harness's, with the model names Languru routes by (bench-json|bench-stream|bench-slow/…); every
# target gets the same bytes (the upstreams ignore the body, except slow.js's "stream":true)
bench_body "$BENCH/body.json" bench-json "$work/body.json"
bench_body "$BENCH/body-stream.json" bench-stream "$work/body-stream.json"
bench_body "$BENCH/body-stream.json" bench-slow "$work/body-slow.json"
export BODY_JSON=$work/body.json BODY_STREAM=$work/body-stream.json BODY_SLOW=$work/body-slow.json

# --- upstreams ---
mkdir -p /tmp/bench-nginx
nginx -c "$BENCH/upstream/nginx.conf" -p /tmp/bench-nginx/; nginx_started=1
node "$BENCH/upstream/slow.js" 2>/dev/null & pids+=($!)
wait_http() { # url: until it answers anything
  for _ in $(seq 100); do [[ $(curl -s -o /dev/null -w '%{http_code}' "$1" || true) != 000 ]] && return 0; sleep 0.2; done
  echo "no answer from $1" >&2; return 1
}
wait_http http://127.0.0.1:18080/health; wait_http http://127.0.0.1:18081/health

for _ in $(seq $(( ${LOAD_WAIT:-300} / 5 ))); do
  awk -v m="${LOAD_MAX:-1}" '{ exit !($1 < m) }' /proc/loadavg && break
  say "waiting for the load to fall below ${LOAD_MAX:-1}: $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 5
done
say "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- one gateway at a time: start it, compare, stop it ---
start_languru() {
  languru_env "$FEATURES" "$LG_LOG_LEVEL"
  # shellcheck disable=SC2086
  (cd "$work/languru" && exec env "${LANGURU_ENV[@]}" ${LG_ENV:-} dotnet Languru.Api.dll --urls "http://127.0.0.1:$LG_PORT") >"$RESULTS/languru.log" 2>&1 &
  gw_pid=$!; wait_http "http://127.0.0.1:$LG_PORT/health"
}
start_floor() {
  (cd "$work/floor" && PARSE=1 exec ./floor --urls "http://127.0.0.1:$FLOOR_PORT") >"$RESULTS/floor.log" 2>&1 &
  gw_pid=$!; wait_http "http://127.0.0.1:$FLOOR_PORT/health"
}
start_portkey() {
  # Portkey listens on all interfaces; this preload pins every listen() to 127.0.0.1
  cat >"$work/loopback.cjs" <<'EOF'
const net = require('net'); const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...a) {
  if (typeof a[0] === 'number') a.splice(1, typeof a[1] === 'string' ? 1 : 0, '127.0.0.1');
  else if (a[0] && typeof a[0] === 'object') a[0] = { ...a[0], host: '127.0.0.1' };
  return listen.apply(this, a);
};
EOF
  (cd "$PORTKEY_DIR" && NODE_ENV=production exec node -r "$work/loopback.cjs" node_modules/@portkey-ai/gateway/build/start-server.js \
    --headless --port=$PK_PORT) >"$RESULTS/portkey.log" 2>&1 &
  gw_pid=$!; wait_http "http://127.0.0.1:$PK_PORT/"
}
compare() { # name, then env for compare.sh
  local name=$1; shift
  if [[ "$name" != nginx-again && "${PREWARM:-20s}" != 0 ]]; then
    say "pre-warm: $name (${PREWARM:-20s} json_c32 + ${PREWARM:-20s} stream_c32)"
    env "$@" DURATION="${PREWARM:-20s}" TESTS="json_c32 stream_c32" bash -c 'HEADERS="${GW_HEADERS:-}" \
      STREAM_HEADERS="${GW_STREAM_HEADERS:-${GW_HEADERS:-}}" "$0/load.sh" "$GW" "${GW_STREAM:-$GW}"' "$BENCH" >/dev/null || true
  fi
  say "compare: $name"
  env "$@" NAME="$name" OUT="$RESULTS/$name.txt" "$BENCH/compare.sh" >"$RESULTS/$name.summary" 2>"$RESULTS/$name.rounds" \
    || { say "compare $name FAILED:"; tail -5 "$RESULTS/$name.rounds" >&2; return 0; }
  grep '^SUMMARY' "$RESULTS/$name.summary" >&2 || true
}
PK='x-portkey-provider: openai'
for gw in $GATEWAYS; do
  case $gw in
    aa) compare nginx-again GW=http://127.0.0.1:18080/v1 GW_STREAM=http://127.0.0.1:18080/stream/v1 GW_SLOW=http://127.0.0.1:18081/v1 ;;
    floor) start_floor
      compare floor GW_PID="$gw_pid" GW=http://127.0.0.1:$FLOOR_PORT/v1 GW_STREAM=http://127.0.0.1:$FLOOR_PORT/stream/v1 \
        GW_SLOW=http://127.0.0.1:$FLOOR_PORT/slow/v1 ;;
    languru) start_languru
      compare languru GW_PID="$gw_pid" GW=http://127.0.0.1:$LG_PORT/v1 GW_SLOW=http://127.0.0.1:$LG_PORT/v1
      [[ "$FEATURES" == 1 ]] && { curl -sf "http://127.0.0.1:$LG_PORT/metrics" | grep -c '^languru_' >"$RESULTS/languru-metric-lines.txt" || true
        grep -c 'RequestServed\|Languru.Requests' "$RESULTS/languru.log" >"$RESULTS/languru-request-lines.txt" || true; } ;;
    portkey) [[ "$PORTKEY" == 1 ]] || continue
      start_portkey
      compare portkey GW_PID="$gw_pid" GW=http://127.0.0.1:$PK_PORT/v1 GW_SLOW=http://127.0.0.1:$PK_PORT/v1 \
        GW_HEADERS="$PK|x-portkey-custom-host: http://127.0.0.1:18080/v1" \
        GW_STREAM_HEADERS="$PK|x-portkey-custom-host: http://127.0.0.1:18080/stream/v1" \
        GW_SLOW_HEADERS="$PK|x-portkey-custom-host: http://127.0.0.1:18081/v1" ;;
    *) echo "unknown gateway $gw" >&2; exit 2 ;;
  esac
  [[ -n "$gw_pid" ]] && stop "$gw_pid"; gw_pid=
done
up="$(date -u +%FT%TZ) uptime after: $(uptime)"; say "$up"; echo "$up" >>"$RESULTS/uptime.txt"

# --- the table: per test, each gateway's SUMMARY fields, and Languru/Portkey relative to the floor ---
node - "$RESULTS" <<'EOF' | tee "$RESULTS/table.txt"
const fs = require('fs'), dir = process.argv[2];
const names = ['nginx-again', 'floor', 'languru', 'portkey'];
const S = {}; // S[name][test] = { field: value }
for (const n of names) {
  const f = `${dir}/${n}.summary`; if (!fs.existsSync(f)) continue;
  for (const l of fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.startsWith('SUMMARY '))) {
    const r = Object.fromEntries(l.split(/\s+/).slice(1).map((kv) => kv.split('=')));
    (S[n] ??= {})[r.test] = r;
  }
}
const get = (n, t, k) => { const v = S[n]?.[t]?.[k]; return v === undefined || v === '-' ? NaN : parseFloat(v); };
const f = (x, d = 3, sign = false) => (isNaN(x) ? '-' : (sign && x >= 0 ? '+' : '') + x.toFixed(d));
const rows = []; // test metric aa floor languru portkey lg-vs-floor pk-vs-floor
const row = (t, label, k, kind) => {
  const v = names.map((n) => get(n, t, k)); const [, fl, lg, pk] = v;
  const rel = (x) => kind === 'ratio' ? (isNaN(x / fl) ? '-' : (x / fl).toFixed(2) + 'x') : (isNaN(x - fl) ? '-' : f(x - fl, 2, true) + ' ms');
  const d = kind === 'ratio' ? (k === 'gw_cpu_us_per_req' ? 0 : 3) : 2;
  rows.push([t, label, ...v.map((x) => f(x, d, kind !== 'ratio')), rel(lg), rel(pk)]);
};
const tests = ['json_c1', 'json_c32', 'stream_c32', 'ttft'].filter((t) => names.some((n) => S[n]?.[t]));
for (const t of tests) {
  row(t, 'rps_ratio', 'rps_ratio', 'ratio');
  if (t === 'ttft') { row(t, 'd_ttfb_p50_ms', 'd_ttfb_p50_ms'); row(t, 'd_ttfb_p99_ms', 'd_ttfb_p99_ms');
    row(t, 'd_gap_p50_ms', 'd_gap_p50_ms'); row(t, 'd_total_p50_ms', 'd_total_p50_ms'); }
  else { row(t, 'd_p50_ms', 'd_p50_ms'); row(t, 'd_p99_ms', 'd_p99_ms'); }
  row(t, 'cpu_us_per_req', 'gw_cpu_us_per_req', 'ratio');
}
const head = ['test', 'metric', 'A/A', 'floor', 'languru', 'portkey', 'languru-vs-floor', 'portkey-vs-floor'];
const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd();
console.log('# ratios: rps_ratio (gateway/direct) and CPU per request, as gateway/floor; d_*: gateway-minus-direct ms, vs floor as a difference');
console.log('# cpu_us_per_req is a throughput cost only at c=32 (json_c32, stream_c32): at c=1 and in ttft idle .NET thread-pool spinning inflates it');
console.log(line(head)); rows.forEach((r) => console.log(line(r)));
const errs = names.flatMap((n) => Object.values(S[n] ?? {}).filter((r) => +r.errors > 0).map((r) => `${n}/${r.test}=${r.errors}`));
console.log(errs.length ? `# ERRORS (those rows do not count): ${errs.join(' ')}` : '# errors=0 in every comparison');
const cpu = get('languru', 'json_c32', 'gw_cpu_us_per_req') / get('floor', 'json_c32', 'gw_cpu_us_per_req');
const rps = get('languru', 'json_c32', 'rps_ratio') / get('floor', 'json_c32', 'rps_ratio');
const ttfb = get('languru', 'ttft', 'd_ttfb_p50_ms') - get('floor', 'ttft', 'd_ttfb_p50_ms');
console.log(`languru/floor: cpu=${f(cpu, 2)} rps=${f(rps, 2)} ttfb_delta=${f(ttfb, 2, true)} ms`);
EOF
