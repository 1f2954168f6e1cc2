# Sourced by side-by-side.sh and warmup.sh: the environment Languru runs with in the benchmarks.
#   languru_env FEATURES LOG_LEVEL   sets the array LANGURU_ENV
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
