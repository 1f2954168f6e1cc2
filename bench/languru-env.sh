# Sourced by side-by-side.sh, decompose.sh, warmup.sh and alloc.sh: the environment Languru runs with in the
# benchmarks, publishing it and the floor, the bodies, and (for decompose.sh, warmup.sh and alloc.sh) starting it next
# to the canned upstream.
#   languru_env FEATURES LOG_LEVEL        sets the array LANGURU_ENV
#   publish_languru CHECKOUT OUT LOG ...  dotnet publish CHECKOUT/Languru.Api in Release to OUT (extra arguments passed on)
#   publish_floor OUT LOG                 dotnet publish bench/floor in Release to OUT (from a copy: the checkout's analyzers
#                                         would build it otherwise)
#   start_canned_upstream                 nginx of upstream/nginx.conf unless 18080 answers; sets NGINX_STARTED=1 if it started it
#   bench_body FILE MODEL_PREFIX OUT      FILE's body with its model routed as MODEL_PREFIX/gpt-4o-mini
#   start_languru DIR PORT LOG            the published gateway in DIR on 127.0.0.1:PORT with LANGURU_ENV and LG_ENV, in the
#                                         background; sets LANGURU_PID and returns once /health/live answers (at most 10 s)
# Three OpenAI-type providers, picked by model name: bench-json/… and bench-stream/… (the canned nginx upstream of
# upstream/nginx.conf, port 18080) and bench-slow/… (upstream/slow.js, port 18081). FEATURES=1: the features users
# run, an API key (sk-bench, the key post.lua, sse.js and compare.sh send) with a requests- and a tokens-per-minute
# limit far above what the load reaches, Prometheus /metrics on, the per-request log line at Information.
languru_env() {
  LANGURU_ENV=(ASPNETCORE_ENVIRONMENT=Production "Logging__LogLevel__Default=$2")
  if [[ "$1" == 1 ]]; then
    LANGURU_ENV+=(Languru__Keys__bench__Key=sk-bench Languru__Keys__bench__RequestsPerMinute=100000000
      Languru__Keys__bench__TokensPerMinute=100000000000 Languru__Telemetry__Prometheus=true
      Logging__LogLevel__Languru.Requests=Information)
  else
    LANGURU_ENV+=(Logging__LogLevel__Languru.Requests=Warning)
  fi
  local p
  for p in bench-json=http://127.0.0.1:18080/v1 bench-stream=http://127.0.0.1:18080/stream/v1 bench-slow=http://127.0.0.1:18081/v1; do
    LANGURU_ENV+=("Languru__Providers__${p%%=*}__Type=openai" "Languru__Providers__${p%%=*}__BaseUrl=${p#*=}" "Languru__Providers__${p%%=*}__ListModels=false")
  done
}

publish_languru() {
  local src=$1 out=$2 log=$3
  shift 3
  dotnet publish "$src/Languru.Api" -c Release -o "$out" --nologo -v quiet "$@" >"$log" 2>&1 || { tail -30 "$log" >&2; exit 1; }
}

publish_floor() {
  local src
  src=$(mktemp -d /tmp/floor-src.XXXXXX)
  cp "$(dirname "${BASH_SOURCE[0]}")/floor/Program.cs" "$(dirname "${BASH_SOURCE[0]}")/floor/floor.csproj" "$src/"
  dotnet publish "$src" -c Release -o "$1" --nologo -v quiet >"$2" 2>&1 || { tail -30 "$2" >&2; rm -rf "$src"; exit 1; }
  rm -rf "$src"
}

start_canned_upstream() {
  if ! curl -s -o /dev/null http://127.0.0.1:18080/health; then
    mkdir -p /tmp/bench-nginx
    nginx -c "$(dirname "${BASH_SOURCE[0]}")/upstream/nginx.conf" -p /tmp/bench-nginx/
    NGINX_STARTED=1
  fi
}

bench_body() {
  sed "s#\"model\":\"gpt-4o-mini\"#\"model\":\"$2/gpt-4o-mini\"#" "$1" >"$3"
}

start_languru() {
  # shellcheck disable=SC2086
  (cd "$1" && exec env "${LANGURU_ENV[@]}" ${LG_ENV:-} dotnet Languru.Api.dll --urls "http://127.0.0.1:$2") >"$3" 2>&1 &
  LANGURU_PID=$!
  local _
  for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$2/health/live" && return 0; sleep 0.05; done
}
