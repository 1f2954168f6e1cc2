#!/usr/bin/env bash
# Scale-out benchmark (not in CI): several Languru instances behind nginx, sharing one Redis, started by
# deploy/local.sh (all on 127.0.0.1; everything started is stopped by PID). Three parts (PARTS):
#   limits      a burst of BURST requests at once over 3 instances, with and without Redis: how many pass a
#               RequestsPerMinute of RPM_LIMIT, and a TokensPerMinute of TPM_LIMIT (the slow upstream holds every
#               answer TTFT_MS, so no usage correction frees room before all were decided)
#   throughput  wrk (json_c32, stream_c32 of load.sh) through nginx with 1, 2, 3 instances (INSTANCE_COUNTS), each
#               without and with Redis, ROUNDS rounds (order reversed every other round), plus one instance without
#               nginx; CPU per request of the gateways, nginx and Redis
#   roundtrips  Redis commands per request, measured: redis-cli MONITOR over RT_N sequential requests of each
#               kind (chat, stream, Responses with store / previous_response_id / GET, embeddings, refused, …)
#   bench/scaleout.sh                           # all three, about 8 minutes
#   PARTS=roundtrips bench/scaleout.sh          # one part
# env: DURATION=5s ROUNDS=2 INSTANCE_COUNTS="1 2 3" BURST=150 RPM_LIMIT=50 TPM_LIMIT=5000 TTFT_MS=3000 RT_N=50
#   PORT=18200 (nginx) FIRST_PORT=18201 REDIS_PORT=18299 UPSTREAM_PORT=18280 (a copy of bench/upstream/nginx.conf
#   on that port, with its own pid file, so a compare.sh run elsewhere is left alone) SLOW_PORT=18281
#   (bench/upstream/slow.js). OUT=raw results file.
# Needs: apt-get install -y nginx-light redis-server wrk curl; node >= 18; the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
PARTS=${PARTS:-limits throughput roundtrips}
export DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-2} INSTANCE_COUNTS=${INSTANCE_COUNTS:-1 2 3}
BURST=${BURST:-150} RPM_LIMIT=${RPM_LIMIT:-50} TPM_LIMIT=${TPM_LIMIT:-5000} TTFT_MS=${TTFT_MS:-3000} RT_N=${RT_N:-50}
PORT=${PORT:-18200} FIRST_PORT=${FIRST_PORT:-18201} REDIS_PORT=${REDIS_PORT:-18299}
UPSTREAM_PORT=${UPSTREAM_PORT:-18280} SLOW_PORT=${SLOW_PORT:-18281}
OUT=${OUT:-/tmp/bench-scaleout-$(date +%Y%m%d-%H%M%S).txt}
BASE=http://127.0.0.1:$PORT/v1
work=$(mktemp -d)
pids=() deploy_pid=
stop_deploy() {
  if [[ -n "$deploy_pid" ]]; then kill "$deploy_pid" 2>/dev/null || true; wait "$deploy_pid" 2>/dev/null || true; fi
  deploy_pid=
}
cleanup() {
  stop_deploy
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { echo "$*" | tee -a "$OUT"; }

dotnet publish Languru.Api -c Release -o "$work/gateway" --nologo -v quiet
mkdir -p "$work/upstream"
sed "s|/tmp/bench-nginx|$work/upstream|g; s|127\.0\.0\.1:18080|127.0.0.1:$UPSTREAM_PORT|" bench/upstream/nginx.conf > "$work/upstream/nginx.conf"
nginx -e stderr -c "$work/upstream/nginx.conf" -p "$work/upstream/" -g 'daemon off;' & pids+=($!)
PORT=$SLOW_PORT TTFT_MS=$TTFT_MS node bench/upstream/slow.js 2>/dev/null & pids+=($!)
# The instances serve bench-json/… and bench-stream/… from the canned nginx upstream, bench-slow/… from the slow one,
# and echo; besides the deploy's key sk-bench, keys with other limits for the round-trip part. (Names with '-' can't
# be exported by bash: they go to deploy/local.sh through env.)
provider() { # name base-url
  echo "Languru__Providers__$1__Type=openai" "Languru__Providers__$1__BaseUrl=$2" "Languru__Providers__$1__ListModels=false"
}
# shellcheck disable=SC2207
gateway_env=($(provider bench-json "http://127.0.0.1:$UPSTREAM_PORT/v1") $(provider bench-stream "http://127.0.0.1:$UPSTREAM_PORT/stream/v1")
  $(provider bench-slow "http://127.0.0.1:$SLOW_PORT/v1")
  Languru__Keys__rpm__Key=sk-rpm Languru__Keys__rpm__RequestsPerMinute=1000000000
  Languru__Keys__free__Key=sk-free Languru__Keys__tiny__Key=sk-tiny Languru__Keys__tiny__RequestsPerMinute=1
  Languru__Routes__spread__Targets__0=echo/one Languru__Routes__spread__Targets__1=echo/two)

start_deploy() { # instances redis [VAR=value …] (deploy/local.sh settings)
  rm -rf "$work/run"; mkdir -p "$work/run"
  env "${gateway_env[@]}" RUN_DIR="$work/run" GATEWAY_DIR="$work/gateway" INSTANCES="$1" REDIS="$2" PORT="$PORT" FIRST_PORT="$FIRST_PORT" \
    REDIS_PORT="$REDIS_PORT" API_KEY=sk-bench RPM=1000000000 TPM=1000000000000 MAX_CONCURRENT=100000 "${@:3}" \
    deploy/local.sh > "$work/deploy.log" 2>&1 & deploy_pid=$!
  local _
  for _ in $(seq 300); do
    [[ -f "$work/run/ready" ]] && return 0
    kill -0 "$deploy_pid" 2>/dev/null || break
    sleep 0.2
  done
  cat "$work/deploy.log" >&2; exit 1
}
pid_of() { awk -v n="$1" '$1 == n { print $2 }' "$work/run/ready"; }
# The processes that serve a request: every gateway, nginx's worker(s) (children of its master), Redis.
cpu_ticks() { # name-prefix -> user+sys clock ticks
  local pids_=() p
  if [[ $1 == nginx ]]; then p=$(pid_of nginx); [[ -n "$p" ]] && mapfile -t pids_ < <(pgrep -P "$p")
  else mapfile -t pids_ < <(awk -v n="$1" 'index($1, n) == 1 { print $2 }' "$work/run/ready"); fi
  local t=0
  for p in "${pids_[@]}"; do [[ -r /proc/$p/stat ]] && t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done
  echo "$t"
}
# Requests spread over the instances, from nginx's access log (upstream=…).
spread() { sed -n 's/.* upstream=127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$work/run/access.log" | sort | uniq -c | awk '{ printf "%s%s:%s", (NR > 1 ? "," : ""), $2, $1 }'; }
# A burst must fall inside one clock-aligned minute window.
align_window() { local s; s=$((10#$(date +%S))); if (( s > 45 )); then sleep $((61 - s)); fi; }

limits() {
  for redis in 1 0; do
    for limit in requests tokens; do
      if [[ $limit == requests ]]; then set -- RPM="$RPM_LIMIT" TPM=; else set -- RPM= TPM="$TPM_LIMIT"; fi
      start_deploy 3 "$redis" "$@" MAX_CONCURRENT= ACCESS_LOG="$work/run/access.log"
      align_window
      r=$(node bench/burst.js "$BASE/chat/completions" -n "$BURST" -c "$BURST" --body bench/languru/body-slow.json)
      r=${r#RESULT }
      ok=$(sed -n 's/.*ok=\([0-9]*\).*/\1/p' <<< "$r")
      if [[ $limit == requests ]]; then expected=$RPM_LIMIT
      else requested=$(sed -n 's/.*requested=\([0-9]*\).*/\1/p' <<< "$r"); expected=$(( requested ? TPM_LIMIT / requested : -1 )); fi
      (( redis == 0 )) && expected="$expected-per-instance"
      say "LIMITS limit=${limit}_per_minute instances=3 redis=$redis $r expected_ok=$expected spread=$(spread)"
      stop_deploy
    done
  done
}

throughput() {
  local bodies=(BODY_JSON=bench/languru/body.json BODY_STREAM=bench/languru/body-stream.json)
  for ((round = 1; round <= ROUNDS; round++)); do
    local counts=($INSTANCE_COUNTS); (( round % 2 == 0 )) && counts=($(printf '%s\n' "${counts[@]}" | tac))
    for n in "${counts[@]}" direct; do
      for redis in 0 1; do
        local instances=$n url=$BASE
        if [[ $n == direct ]]; then instances=1; url=http://127.0.0.1:$FIRST_PORT/v1; fi
        start_deploy "$instances" "$redis"
        env "${bodies[@]}" DURATION=2s TESTS="json_c32 stream_c32" bench/load.sh "$url" >/dev/null # warm-up
        for t in json_c32 stream_c32; do
          local g0 n0 r0 g1 n1 r1 line reqs
          g0=$(cpu_ticks gateway); n0=$(cpu_ticks nginx); r0=$(cpu_ticks redis)
          line=$(env "${bodies[@]}" TESTS=$t bench/load.sh "$url")
          g1=$(cpu_ticks gateway); n1=$(cpu_ticks nginx); r1=$(cpu_ticks redis)
          reqs=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<< "$line")
          cpu() { awk -v d="$1" -v hz="$(getconf CLK_TCK)" -v n="$reqs" 'BEGIN { printf "%.0f", n ? d * 1e6 / hz / n : 0 }'; }
          say "THROUGHPUT round=$round instances=$n redis=$redis $line cpu_us_per_req_gateways=$(cpu $((g1 - g0))) cpu_us_per_req_nginx=$(cpu $((n1 - n0))) cpu_us_per_req_redis=$(cpu $((r1 - r0))) load=$(cut -d' ' -f1 /proc/loadavg)"
        done
        stop_deploy
      done
    done
  done
  # Medians over rounds (the mean of the two middle values for an even count).
  grep '^THROUGHPUT' "$OUT" | awk '
    { k = ""; for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      k = v["test"] " instances=" v["instances"] " redis=" v["redis"]
      if (!(k in seen)) { seen[k] = 1; order[++m] = k }
      c = ++cnt[k]; rps[k, c] = v["rps"]; p99[k, c] = v["p99_ms"]; cg[k, c] = v["cpu_us_per_req_gateways"]
      cn[k, c] = v["cpu_us_per_req_nginx"]; cr[k, c] = v["cpu_us_per_req_redis"]; err[k] += v["errors"] }
    function med(a, k, n,   i, j, t, x) { for (i = 1; i <= n; i++) x[i] = a[k, i] + 0
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }
      return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2 }
    END { for (i = 1; i <= m; i++) { k = order[i]; n = cnt[k]
      printf "SUMMARY test=%s rounds=%d rps=%.0f p99_ms=%.2f cpu_us_per_req gateways=%.0f nginx=%.0f redis=%.0f errors=%d\n",
        k, n, med(rps, k, n), med(p99, k, n), med(cg, k, n), med(cn, k, n), med(cr, k, n), err[k] } }' | sort | tee -a "$OUT"
}

# Redis commands per request, by name, from MONITOR: a line "[0 127.0.0.1:port]" is a command a gateway sent (one
# round trip, unless pipelined with others), "[0 lua]" one run inside a script (work in Redis, no round trip).
# INFO commandstats would count both kinds under the same names.
measure() { # scenario requests command…
  local name=$1 n=$2 monitor; shift 2
  redis-cli -p "$REDIS_PORT" monitor > "$work/monitor" & monitor=$!
  sleep 0.3
  "$@"
  sleep 0.3
  kill "$monitor"; wait "$monitor" 2>/dev/null || true
  awk -v name="$name" -v n="$n" '
    /^[0-9.]+ \[/ { lua = ($3 == "lua]"); match($0, /\] "[^"]*"/); c = tolower(substr($0, RSTART + 3, RLENGTH - 4))
      if (lua) scripted++; else if (c != "monitor") { sent[c]++; total++ } }
    END { s = ""; for (c in sent) s = s sprintf(" %s=%.2f", c, sent[c] / n)
          printf "ROUNDTRIPS scenario=%s requests=%d commands_sent_per_request=%.2f%s in_scripts_per_request=%.2f\n",
            name, n, total / n, s, scripted / n }' "$work/monitor" | tee -a "$OUT"
}
post_n() { # n key path body
  local i
  for ((i = 0; i < $1; i++)); do
    curl -s -o /dev/null -w '%{http_code}\n' "$BASE$3" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d "$4"
  done | sort | uniq -c | awk '{ printf "  status %s: %s\n", $2, $1 }' >&2
}
get_n() { local i; for ((i = 0; i < $1; i++)); do curl -s -o /dev/null "$BASE$3" -H "Authorization: Bearer $2"; done; }
roundtrips() {
  start_deploy 1 1
  local chat='{"model":"echo","messages":[{"role":"user","content":"hi"}]}'
  local stream='{"model":"echo","stream":true,"messages":[{"role":"user","content":"hi"}]}'
  local embed='{"model":"echo","input":"hi"}' id
  post_n 1 sk-bench /chat/completions "$chat" 2>/dev/null # loads the scripts (SCRIPT LOAD) outside the counts
  post_n 1 sk-tiny /chat/completions "$chat" 2>/dev/null  # tiny's one request of this minute
  say "# roundtrips: 1 instance + nginx + Redis; RT_N=$RT_N sequential requests per scenario; keys: sk-bench (RPM+TPM+concurrency), sk-rpm (RPM only), sk-free (no limits), sk-tiny (RPM 1, spent)"
  measure idle_5s 1 sleep 5
  measure chat_all_limits "$RT_N" post_n "$RT_N" sk-bench /chat/completions "$chat"
  measure chat_rpm_only "$RT_N" post_n "$RT_N" sk-rpm /chat/completions "$chat"
  measure chat_no_limits "$RT_N" post_n "$RT_N" sk-free /chat/completions "$chat"
  measure stream_all_limits "$RT_N" post_n "$RT_N" sk-bench /chat/completions "$stream"
  measure chat_routed_2_targets "$RT_N" post_n "$RT_N" sk-free /chat/completions '{"model":"spread","messages":[{"role":"user","content":"hi"}]}'
  measure refused_by_rpm "$RT_N" post_n "$RT_N" sk-tiny /chat/completions "$chat"
  measure embeddings_all_limits "$RT_N" post_n "$RT_N" sk-bench /embeddings "$embed"
  measure responses_store_no_limits "$RT_N" post_n "$RT_N" sk-free /responses '{"model":"echo","input":"hi"}'
  measure responses_no_store_no_limits "$RT_N" post_n "$RT_N" sk-free /responses '{"model":"echo","input":"hi","store":false}'
  id=$(curl -s "$BASE/responses" -H 'Authorization: Bearer sk-free' -H 'Content-Type: application/json' -d '{"model":"echo","input":"hi"}' | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
  measure responses_previous_id_no_limits "$RT_N" post_n "$RT_N" sk-free /responses "{\"model\":\"echo\",\"input\":\"again\",\"previous_response_id\":\"$id\"}"
  measure responses_get_no_limits "$RT_N" get_n "$RT_N" sk-free "/responses/$id"
  measure responses_store_all_limits "$RT_N" post_n "$RT_N" sk-bench /responses '{"model":"echo","input":"hi"}'
  stop_deploy
}

say "# $(date -u +%FT%TZ) $(nproc) cores; uptime:$(uptime | sed 's/.*load average/ load average/'); parts: $PARTS"
for part in $PARTS; do "$part"; done
say "# done $(date -u +%FT%TZ); uptime:$(uptime | sed 's/.*load average/ load average/'); raw results: $OUT"
