#!/usr/bin/env bash
# Local try-out of a scaled-out Languru, all on 127.0.0.1: one redis-server, INSTANCES gateway instances (Release
# build) sharing it through Languru:Redis:Configuration, and nginx (deploy/nginx.conf) balancing them. Runs until
# Ctrl-C (or SIGTERM), then stops everything it started, by PID. See deploy/README.md.
#   deploy/local.sh                 start, print how to call it, wait
#   deploy/local.sh check           render nginx.conf into RUN_DIR and run `nginx -t` on it, start nothing
# env (defaults): INSTANCES=3  PORT=8080 (nginx)  FIRST_PORT=18101 (instance i listens on FIRST_PORT+i-1)
#   INSTANCE_PORTS= (the instances' ports, space-separated, instead of INSTANCES and FIRST_PORT)
#   REDIS=1 (0: no Redis, each instance counts alone)  REDIS_PORT=16379
#   API_KEY=sk-local-try-out  RPM=60  TPM=  MAX_CONCURRENT=  (the key's limits; empty = unlimited)
#   GATEWAY_DIR= (a `dotnet publish` output to run; empty: publish Release into RUN_DIR)
#   RUN_DIR= (config, logs, PIDs; empty: a new temporary directory, removed at the end)
#   NGINX_WORKERS=1  ACCESS_LOG=off (or a file)  LOG_LEVEL=Warning
# Every Languru__… variable in the environment reaches every instance (e.g. providers: docs/configuration.md).
# When everything answers, RUN_DIR/ready holds `name pid port` lines (read by bench/scaleout.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
INSTANCES=${INSTANCES:-3} PORT=${PORT:-8080} FIRST_PORT=${FIRST_PORT:-18101}
REDIS=${REDIS:-1} REDIS_PORT=${REDIS_PORT:-16379}
API_KEY=${API_KEY:-sk-local-try-out} RPM=${RPM-60} TPM=${TPM:-} MAX_CONCURRENT=${MAX_CONCURRENT:-}
NGINX_WORKERS=${NGINX_WORKERS:-1} ACCESS_LOG=${ACCESS_LOG:-off} LOG_LEVEL=${LOG_LEVEL:-Warning}
if [[ -n "${INSTANCE_PORTS:-}" ]]; then read -ra instance_ports <<< "$INSTANCE_PORTS"
else instance_ports=(); for ((i = 0; i < INSTANCES; i++)); do instance_ports+=($((FIRST_PORT + i))); done; fi
INSTANCES=${#instance_ports[@]}
owned_run=0
if [[ -z "${RUN_DIR:-}" ]]; then RUN_DIR=$(mktemp -d /tmp/languru-local.XXXXXX); owned_run=1; fi
mkdir -p "$RUN_DIR"
RUN_DIR=$(cd "$RUN_DIR" && pwd)

render() { # deploy/nginx.conf with the placeholders filled in -> RUN_DIR/nginx.conf
  local servers="" p
  for p in "${instance_ports[@]}"; do servers+="        server 127.0.0.1:$p max_fails=1 fail_timeout=5s;"$'\n'; done
  local conf; conf=$(<deploy/nginx.conf)
  conf=${conf//@SERVERS@/${servers%$'\n'}}
  conf=${conf//@LISTEN@/127.0.0.1:$PORT}
  conf=${conf//@WORKERS@/$NGINX_WORKERS}
  if [[ "$ACCESS_LOG" == off ]]; then conf=${conf//@ACCESS_LOG@/off}; else conf=${conf//@ACCESS_LOG@/$ACCESS_LOG languru}; fi
  conf=${conf//@RUN@/$RUN_DIR}
  printf '%s\n' "$conf" > "$RUN_DIR/nginx.conf"
}

if [[ "${1:-}" == check ]]; then
  render
  nginx -t -q -e stderr -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR/"
  echo "ok: nginx -t accepts the rendered configuration"
  if [[ $owned_run == 1 ]]; then rm -rf "$RUN_DIR"; else echo "$RUN_DIR/nginx.conf"; fi
  exit 0
fi

for tool in nginx curl dotnet; do command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install -y nginx-light curl)" >&2; exit 1; }; done
if [[ "$REDIS" == 1 ]]; then command -v redis-server >/dev/null || { echo "needs redis-server (apt-get install -y redis-server)" >&2; exit 1; }; fi
busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports=("$PORT" "${instance_ports[@]}")
[[ "$REDIS" == 1 ]] && ports+=("$REDIS_PORT")
for p in "${ports[@]}"; do if busy "$p"; then echo "port $p on 127.0.0.1 is in use; choose others (PORT, FIRST_PORT, REDIS_PORT)" >&2; exit 1; fi; done

pids=()
cleanup() {
  trap - EXIT INT TERM
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -f "$RUN_DIR/ready"
  if [[ $owned_run == 1 ]]; then rm -rf "$RUN_DIR"; fi
}
trap cleanup EXIT
trap 'exit 0' INT TERM

wait_for() { # url what
  local _
  for _ in $(seq 150); do curl -sf -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "$2 did not answer at $1 (logs: $RUN_DIR)" >&2; exit 1
}

if [[ "$REDIS" == 1 ]]; then
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --daemonize no --protected-mode yes \
    --logfile "$RUN_DIR/redis.log" & pids+=($!)
  echo "redis $! 127.0.0.1:$REDIS_PORT" >> "$RUN_DIR/started"
  for _ in $(seq 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

if [[ -z "${GATEWAY_DIR:-}" ]]; then
  GATEWAY_DIR=$RUN_DIR/gateway
  dotnet publish Languru.Api -c Release -o "$GATEWAY_DIR" --nologo -v quiet
fi
[[ -f "$GATEWAY_DIR/Languru.Api.dll" ]] || { echo "no Languru.Api.dll in $GATEWAY_DIR" >&2; exit 1; }

limits=(Languru__Keys__local__KeyEnvironmentVariable=LANGURU_LOCAL_KEY)
[[ -n "$RPM" ]] && limits+=("Languru__Keys__local__RequestsPerMinute=$RPM")
[[ -n "$TPM" ]] && limits+=("Languru__Keys__local__TokensPerMinute=$TPM")
[[ -n "$MAX_CONCURRENT" ]] && limits+=("Languru__Keys__local__MaxConcurrentRequests=$MAX_CONCURRENT")
[[ "$REDIS" == 1 ]] && limits+=("Languru__Redis__Configuration=127.0.0.1:$REDIS_PORT")
for ((i = 0; i < INSTANCES; i++)); do
  port=${instance_ports[i]}
  (cd "$GATEWAY_DIR" && exec env LANGURU_LOCAL_KEY="$API_KEY" Logging__LogLevel__Default="$LOG_LEVEL" "${limits[@]}" \
    dotnet Languru.Api.dll --urls "http://127.0.0.1:$port" > "$RUN_DIR/gateway-$((i + 1)).log" 2>&1) & pids+=($!)
  echo "gateway-$((i + 1)) $! 127.0.0.1:$port" >> "$RUN_DIR/started"
done
for ((i = 0; i < INSTANCES; i++)); do wait_for "http://127.0.0.1:${instance_ports[i]}/health" "gateway-$((i + 1))"; done

render
nginx -e stderr -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR/" -g 'daemon off;' & pids+=($!)
echo "nginx $! 127.0.0.1:$PORT" >> "$RUN_DIR/started"
wait_for "http://127.0.0.1:$PORT/health" nginx
mv "$RUN_DIR/started" "$RUN_DIR/ready"

cat <<EOM
Languru: $INSTANCES instance(s) behind nginx at http://127.0.0.1:$PORT/v1 ($([[ "$REDIS" == 1 ]] && echo "sharing Redis on 127.0.0.1:$REDIS_PORT" || echo "no Redis: each instance counts alone"))
key: $API_KEY (requests/min: ${RPM:-unlimited}, tokens/min: ${TPM:-unlimited}, concurrent: ${MAX_CONCURRENT:-unlimited})
  curl -s http://127.0.0.1:$PORT/v1/chat/completions -H "Authorization: Bearer $API_KEY" \\
    -H 'Content-Type: application/json' -d '{"model":"echo","messages":[{"role":"user","content":"hi"}]}'
processes (name pid address): $RUN_DIR/ready; logs: $RUN_DIR. Ctrl-C stops them all.
EOM
# Killing an instance (or Redis) to see what the others do is part of the try-out: report it and keep going. Only
# nginx's end stops everything.
nginx_pid=${pids[-1]}
set +e
while true; do
  wait -n -p exited "${pids[@]}"
  [[ -z "${exited:-}" || "$exited" == "$nginx_pid" ]] && break
  echo "$(awk -v p="$exited" '$2 == p { print $1 }' "$RUN_DIR/ready") (pid $exited) exited" >&2
  live=(); for pid in "${pids[@]}"; do [[ "$pid" != "$exited" ]] && live+=("$pid"); done; pids=("${live[@]}")
done
echo "nginx exited (logs: $RUN_DIR); stopping the others" >&2
exit 1
