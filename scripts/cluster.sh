#!/usr/bin/env bash
# A throwaway Redis Cluster on 127.0.0.1 for tests, the sample app, the benchmark and humans.
# Run `bash scripts/cluster.sh help` for usage. Progress goes to stderr; stdout carries only results.
set -euo pipefail
umask 077 # node configs and the env file hold passwords

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE_ROOT=${CLUSTER_STATE_DIR:-$REPO_ROOT/.cluster}
HOST=127.0.0.1
BUS_OFFSET=10000
# Callers that chose the ports themselves (the Jest setup) retry elsewhere on this code only.
EXIT_PORT_BUSY=3
# A cluster of that name is running: callers that only need *a* cluster pick another name.
EXIT_IN_USE=4
READY_SECS=${CLUSTER_READY_TIMEOUT:-30}

NAME=default BASE_PORT=7000 MASTERS=3 REPLICAS=1 TLS=0 NODE_TIMEOUT=2000 PORT=
PASSWORD='' ACL_USER='' ACL_PASSWORD='' CA_FILE='' OWNER_PID=${CLUSTER_OWNER_PID:-}
HOSTNAMES='' ENDPOINT_TYPE=''
PORTS=() PIDS=() MASTER_PORTS=() REPLICA_PORTS=()
declare -A LOG_FROM=() # per port: where this start's lines begin in the node's (appended) log

usage() {
  cat <<'EOF'
Usage: bash scripts/cluster.sh COMMAND [options]

  start        [--name N] [--base-port P] [--masters 3] [--replicas 1] [--tls] [--node-timeout MS]
               Start masters*(1+replicas) nodes on ports P.. (bus port = port+10000), create the
               cluster, wait until it is fully formed, print the seeds. Default name "default",
               base port 7000, node timeout 2000 ms. --tls: TLS only (no plain port), a throwaway
               CA, requirepass and an ACL user; see the env file for the secrets.
               --hostnames DOMAIN: implies --tls; node on port P announces node-P.DOMAIN
               (cluster-announce-hostname) and has a certificate of its own whose only SAN is
               that name (no IP, no localhost). Names resolve nowhere: clients map them with
               their own lookup. --endpoint-type hostname|ip|unknown-endpoint (with --hostnames,
               default hostname) sets cluster-preferred-endpoint-type.
  stop         [--name N]   Kill exactly the recorded processes, remove the state dir.
  status       [--name N]   One line per node: pid, liveness, role, cluster_state.
  env          [--name N]   Print the recorded env file (cluster.json sits beside it).
  add-node     [--name N]   Start one more master (no slots) on the next free port and join it.
  restart-node [--name N] --port P   Start a stopped/killed node again from its own config.

State lives in .cluster/<name>/ (env CLUSTER_STATE_DIR replaces .cluster); CLUSTER_READY_TIMEOUT
(seconds, default 30) bounds the wait for the cluster to form. Exit code 3: a port was taken;
4: a cluster of that name is already running. A missing redis-server, redis-cli or openssl is
installed with apt-get when running as root, else the install command is printed.
EOF
}

log() { echo "cluster.sh: $*" >&2; }
die() { log "$*"; exit 1; }
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }

# Polls until the command succeeds; nothing here may wait forever.
wait_for() {
  local secs=$1 what=$2 deadline
  shift 2
  deadline=$(($(now_ms) + secs * 1000))
  until "$@"; do
    if (($(now_ms) > deadline)); then
      log "timed out after ${secs}s waiting for $what"
      return 1
    fi
    sleep 0.1
  done
}

ensure_tool() {
  local cmd=$1 pkg=$2
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "$cmd not found; installing $pkg with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 apt-get update -qq >&2 && timeout 600 apt-get install -y -qq "$pkg" >&2 ||
      die "apt-get install $pkg failed"
    command -v "$cmd" >/dev/null 2>&1 || die "$cmd still missing after installing $pkg"
  else
    log "$cmd not found. Install it with:"
    echo "sudo apt-get install -y $pkg"
    exit 1
  fi
}

parse_opts() {
  while (($#)); do
    case $1 in
      --tls) TLS=1; shift; continue ;;
      --name | --base-port | --masters | --replicas | --node-timeout | --port | --hostnames | --endpoint-type)
        (($# >= 2)) || die "$1 needs a value" ;;
      -h | --help) usage; exit 0 ;;
      *) die "unknown option '$1' (bash scripts/cluster.sh help)" ;;
    esac
    case $1 in
      --name) NAME=$2 ;;
      --base-port) BASE_PORT=$2 ;;
      --masters) MASTERS=$2 ;;
      --replicas) REPLICAS=$2 ;;
      --node-timeout) NODE_TIMEOUT=$2 ;;
      --port) PORT=$2 ;;
      --hostnames) HOSTNAMES=$2 TLS=1 ;;
      --endpoint-type) ENDPOINT_TYPE=$2 ;;
    esac
    shift 2
  done
  # The name becomes a directory that stop removes with rm -rf: keep it a plain path component.
  [[ $NAME =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || die "invalid --name '$NAME'"
  local n
  for n in "$BASE_PORT" "$MASTERS" "$REPLICAS" "$NODE_TIMEOUT" ${PORT:+"$PORT"}; do
    [[ $n =~ ^[0-9]+$ ]] || die "not a number: '$n'"
  done
  STATE=$STATE_ROOT/$NAME
  # The domain goes into redis.conf and an openssl SAN: letters, digits, dots and dashes only.
  [[ -z $HOSTNAMES || $HOSTNAMES =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]] || die "invalid --hostnames '$HOSTNAMES'"
  if [[ -n $ENDPOINT_TYPE ]]; then
    [[ -n $HOSTNAMES ]] || die "--endpoint-type needs --hostnames"
    [[ $ENDPOINT_TYPE =~ ^(hostname|ip|unknown-endpoint)$ ]] || die "invalid --endpoint-type '$ENDPOINT_TYPE'"
  fi
  [[ -n $HOSTNAMES && -z $ENDPOINT_TYPE ]] && ENDPOINT_TYPE=hostname
  return 0
}

# A connect succeeds on anything listening, including a SIGSTOPped process.
port_in_use() { timeout 1 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null; }
ports_free() { ! port_in_use "$1" && ! port_in_use $(($1 + BUS_OFFSET)); }

rcli() {
  local port=$1
  shift
  local tls=()
  ((TLS)) && tls=(--tls --cacert "$CA_FILE")
  with_auth timeout 5 redis-cli -h "$HOST" -p "$port" "${tls[@]}" "$@"
}

# REDISCLI_AUTH keeps the password out of argv (visible in ps) and silences the -a warning; set
# but empty, redis-cli would still send AUTH and fail.
with_auth() {
  if [[ -n $PASSWORD ]]; then REDISCLI_AUTH=$PASSWORD "$@"; else "$@"; fi
}

# Only processes whose working directory is one of our node dirs (redis chdirs to `dir`) are
# ours: a recycled PID must never be signalled.
is_ours() {
  local pid=$1 cwd
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null) || return 1
  [[ $cwd == "$STATE"/node-* ]] || return 1
  # A zombie keeps its PID until reaped but holds no port; treat it as gone.
  [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]]
}

node_dir() { echo "$STATE/node-$1"; }
node_hostname() { echo "node-$1.$HOSTNAMES"; }

write_conf() {
  local port=$1 dir
  dir=$(node_dir "$port")
  mkdir -p "$dir"
  {
    echo "# Generated by scripts/cluster.sh for cluster '$NAME'."
    echo "bind $HOST"
    if ((TLS)); then
      echo "port 0"
      echo "tls-port $port"
      if [[ -n $HOSTNAMES ]]; then
        echo "tls-cert-file $STATE/tls/node-$port.crt"
        echo "tls-key-file $STATE/tls/node-$port.key"
        echo "cluster-announce-hostname $(node_hostname "$port")"
        echo "cluster-preferred-endpoint-type $ENDPOINT_TYPE"
      else
        echo "tls-cert-file $STATE/tls/server.crt"
        echo "tls-key-file $STATE/tls/server.key"
      fi
      echo "tls-ca-cert-file $STATE/tls/ca.crt"
      # Clients verify the server and bring no certificate, as on ElastiCache.
      echo "tls-auth-clients no"
      echo "tls-cluster yes"
      echo "tls-replication yes"
      echo "requirepass $PASSWORD"
      echo "masterauth $PASSWORD"
      echo "user $ACL_USER on >$ACL_PASSWORD ~* &* +@all"
    else
      echo "port $port"
    fi
    echo "cluster-port $((port + BUS_OFFSET))"
    echo "daemonize yes"
    echo "dir $dir"
    echo "pidfile $dir/redis.pid"
    echo "logfile $dir/redis.log"
    echo 'save ""'
    echo "appendonly no"
    # Replicas load the sync stream in memory: no dump.rdb left behind to resurrect stale data
    # when a killed node is restarted.
    echo "repl-diskless-load swapdb"
    # The 5 s default delay would dominate the start time.
    echo "repl-diskless-sync-delay 0"
    echo "cluster-enabled yes"
    echo "cluster-config-file nodes.conf"
    echo "cluster-node-timeout $NODE_TIMEOUT"
    # Failover tests: a replica must take over however long its master has been silent
    # (a SIGSTOPped master may stay stopped longer than the default validity window).
    echo "cluster-replica-validity-factor 0"
    # Failover tests: the other shards keep serving while one shard has no master.
    echo "cluster-require-full-coverage no"
    # Resharding tests: a master emptied of slots stays a master and replicas stay put, so
    # roles change only through failover. A failed-over master still rejoins as a replica.
    echo "cluster-allow-replica-migration no"
    echo "enable-debug-command local"
  } >"$dir/redis.conf"
}

start_process() {
  local port=$1 dir
  dir=$(node_dir "$port")
  rm -f "$dir/redis.pid"
  LOG_FROM[$port]=$(($(stat -c %s "$dir/redis.log" 2>/dev/null || echo 0) + 1))
  # 9>&-: a daemon inheriting the lock fd would hold the lock for its whole life.
  redis-server "$dir/redis.conf" >>"$dir/redis.log" 2>&1 9>&- || die "redis-server failed on port $port"
}

# Ready means: the pidfile names a live process of ours and that very process answers on the port
# (not some other server that won the port first).
node_ready() {
  local port=$1 dir pid
  dir=$(node_dir "$port")
  if tail -c "+${LOG_FROM[$port]:-1}" "$dir/redis.log" 2>/dev/null |
    grep -qE 'Address already in use|Could not create server TCP'; then
    log "port $port (or its bus port $((port + BUS_OFFSET))) was taken by someone else"
    exit "$EXIT_PORT_BUSY"
  fi
  pid=$(cat "$dir/redis.pid" 2>/dev/null) && is_ours "$pid" || return 1
  [[ $(rcli "$port" INFO server 2>/dev/null | tr -d '\r' | sed -n 's/^process_id://p') == "$pid" ]]
}

node_pid() { cat "$(node_dir "$1")/redis.pid"; }

dump_logs() {
  local d
  for d in "$STATE"/node-*/; do
    [[ -f $d/redis.log ]] || continue
    echo "---- ${d%/}/redis.log (tail)" >&2
    grep -v 'overcommit' "$d/redis.log" | tail -n 15 >&2
  done
  if [[ -f $STATE/create.log ]]; then
    echo "---- $STATE/create.log (tail)" >&2
    tail -n 15 "$STATE/create.log" >&2
  fi
}

has_line() { [[ $'\n'$1$'\n' == *$'\n'$2$'\n'* ]]; }

# Formed means every node agrees on one view: same nodes, same roles, same masters, same slots;
# every node reports cluster_state:ok with all 16384 slots; every replica's link is up.
# One redis-cli per node and no grep: this polls while two clusters start on two cores.
cluster_formed() {
  local port out view first=''
  for port in "${PORTS[@]}"; do
    out=$(printf 'CLUSTER INFO\nINFO replication\nCLUSTER NODES\n' | rcli "$port" 2>/dev/null) || return 1
    out=${out//$'\r'/}
    has_line "$out" 'cluster_state:ok' && has_line "$out" 'cluster_slots_ok:16384' &&
      has_line "$out" "cluster_known_nodes:${#PORTS[@]}" || return 1
    if has_line "$out" 'role:slave'; then has_line "$out" 'master_link_status:up' || return 1; fi
    # id, flags (minus "myself"), master id, slots: what a client's topology is built from.
    view=$(awk 'length($1) == 40 && $1 ~ /^[0-9a-f]+$/ {
      f = $3; sub(/myself,/, "", f); s = ""; for (i = 9; i <= NF; i++) s = s " " $i
      print $1, f, $4, s }' <<<"$out" | sort)
    [[ -z $first ]] && first=$view
    [[ $view == "$first" ]] || return 1
  done
  (($(awk '$2 == "master" && NF > 3' <<<"$first" | wc -l) == MASTERS))
}

record_roles() {
  local port
  MASTER_PORTS=() REPLICA_PORTS=()
  for port in "${PORTS[@]}"; do
    if rcli "$port" ROLE | head -n 1 | grep -q master; then
      MASTER_PORTS+=("$port")
    else
      REPLICA_PORTS+=("$port")
    fi
  done
}

json_str() {
  local s=${1//\\/\\\\}
  if [[ -z $1 ]]; then echo -n null; else echo -n "\"${s//\"/\\\"}\""; fi
}

# Written as soon as PIDs exist, so stop can always find what start left running.
write_env() {
  local i sep=''
  {
    echo "# Recorded by scripts/cluster.sh; read by its stop/status and by the tests."
    printf 'CLUSTER_%s=%q\n' NAME "$NAME" HOST "$HOST" STATE "$STATE" TLS "$TLS" \
      NODE_TIMEOUT "$NODE_TIMEOUT" PORTS "${PORTS[*]}" PIDS "${PIDS[*]}" \
      MASTER_PORTS "${MASTER_PORTS[*]}" REPLICA_PORTS "${REPLICA_PORTS[*]}" CA_FILE "$CA_FILE" \
      PASSWORD "$PASSWORD" ACL_USER "$ACL_USER" ACL_PASSWORD "$ACL_PASSWORD" OWNER_PID "$OWNER_PID" \
      HOSTNAMES "$HOSTNAMES" ENDPOINT_TYPE "$ENDPOINT_TYPE"
  } >"$STATE/cluster.env.tmp"
  {
    printf '{"name":%s,"host":%s,"stateDir":%s,"tls":%s,"nodeTimeout":%s,' "$(json_str "$NAME")" \
      "$(json_str "$HOST")" "$(json_str "$STATE")" "$( ((TLS)) && echo true || echo false)" "$NODE_TIMEOUT"
    printf '"hostnames":%s,"endpointType":%s,' "$(json_str "$HOSTNAMES")" "$(json_str "$ENDPOINT_TYPE")"
    printf '"caFile":%s,"password":%s,"aclUser":%s,"aclPassword":%s,"ownerPid":%s,"nodes":[' \
      "$(json_str "$CA_FILE")" "$(json_str "$PASSWORD")" "$(json_str "$ACL_USER")" \
      "$(json_str "$ACL_PASSWORD")" "${OWNER_PID:-null}"
    for i in "${!PORTS[@]}"; do
      printf '%s{"port":%s,"pid":%s,"initialRole":%s}' "$sep" "${PORTS[$i]}" "${PIDS[$i]:-null}" \
        "$(json_str "$(role_of "${PORTS[$i]}")")"
      sep=,
    done
    echo ']}'
  } >"$STATE/cluster.json.tmp"
  mv "$STATE/cluster.env.tmp" "$STATE/cluster.env"
  mv "$STATE/cluster.json.tmp" "$STATE/cluster.json"
}

role_of() {
  [[ " ${MASTER_PORTS[*]} " == *" $1 "* ]] && echo master && return
  [[ " ${REPLICA_PORTS[*]} " == *" $1 "* ]] && echo replica && return
  echo ''
}

load_env() {
  [[ -f $STATE/cluster.env ]] || return 1
  # shellcheck disable=SC1091
  source "$STATE/cluster.env"
  TLS=$CLUSTER_TLS NODE_TIMEOUT=$CLUSTER_NODE_TIMEOUT CA_FILE=$CLUSTER_CA_FILE
  PASSWORD=$CLUSTER_PASSWORD ACL_USER=$CLUSTER_ACL_USER ACL_PASSWORD=$CLUSTER_ACL_PASSWORD
  OWNER_PID=$CLUSTER_OWNER_PID
  # Absent from env files written before --hostnames existed.
  HOSTNAMES=${CLUSTER_HOSTNAMES:-} ENDPOINT_TYPE=${CLUSTER_ENDPOINT_TYPE:-}
  read -ra PORTS <<<"$CLUSTER_PORTS"
  read -ra PIDS <<<"$CLUSTER_PIDS"
  read -ra MASTER_PORTS <<<"$CLUSTER_MASTER_PORTS"
  read -ra REPLICA_PORTS <<<"$CLUSTER_REPLICA_PORTS"
}

# Recorded PIDs plus whatever the pidfiles say (a node restarted by hand), filtered to ours.
our_pids() {
  local pid f
  {
    for pid in "${PIDS[@]}"; do echo "$pid"; done
    for f in "$STATE"/node-*/redis.pid; do [[ -f $f ]] && cat "$f"; done
  } | sort -u | while read -r pid; do is_ours "$pid" && echo "$pid"; done
  return 0
}

make_certs() {
  local dir=$STATE/tls
  mkdir -p "$dir"
  (
    cd "$dir"
    # EC keys: generated instantly, unlike RSA, and accepted by redis, redis-cli and Node.
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
      -keyout ca.key -out ca.crt -subj "/CN=slotline test CA ($NAME)" \
      -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign'
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
      -keyout server.key -out server.csr -subj '/CN=localhost'
    # clientAuth too: nodes present this certificate when they dial each other's bus/replication.
    printf '%s\n' 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature' \
      'extendedKeyUsage=serverAuth,clientAuth' 'subjectAltName=IP:127.0.0.1,DNS:localhost' >server.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 \
      -extfile server.ext -out server.crt
    chmod 644 ca.crt server.crt
  ) >"$STATE/openssl.log" 2>&1 || { cat "$STATE/openssl.log" >&2; die "certificate generation failed"; }
  CA_FILE=$dir/ca.crt
}

# --hostnames: one certificate per node naming only that node's announced host name, so a client
# passes the check only with that node's own name as servername (not an IP, not another node's name).
make_node_cert() {
  local port=$1 name dir=$STATE/tls
  name=$(node_hostname "$port")
  (
    cd "$dir"
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
      -keyout "node-$port.key" -out "node-$port.csr" -subj "/CN=$name"
    printf '%s\n' 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature' \
      'extendedKeyUsage=serverAuth,clientAuth' "subjectAltName=DNS:$name" >"node-$port.ext"
    openssl x509 -req -in "node-$port.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 \
      -extfile "node-$port.ext" -out "node-$port.crt"
    chmod 644 "node-$port.crt"
  ) >>"$STATE/openssl.log" 2>&1 || { cat "$STATE/openssl.log" >&2; die "certificate generation for $port failed"; }
}

random_secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

stop_pids() {
  local pids=("$@") left=() pid
  ((${#pids[@]})) || return 0
  # A test may have SIGSTOPped a node; a stopped process ignores TERM until continued.
  kill -CONT "${pids[@]}" 2>/dev/null || true
  kill -TERM "${pids[@]}" 2>/dev/null || true
  if ! wait_for 5 "nodes to exit on SIGTERM" none_ours "${pids[@]}" 2>/dev/null; then
    for pid in "${pids[@]}"; do is_ours "$pid" && left+=("$pid"); done
    log "SIGKILL for ${left[*]}"
    kill -KILL "${left[@]}" 2>/dev/null || true
    wait_for 5 "nodes to exit on SIGKILL" none_ours "${left[@]}" || true
  fi
}

none_ours() {
  local pid
  for pid in "$@"; do is_ours "$pid" && return 1; done
  return 0
}

cmd_start() {
  local i port total pids=() t0
  t0=$(now_ms)
  ensure_tool redis-server redis-server
  ensure_tool redis-cli redis-tools
  ((TLS)) && ensure_tool openssl openssl
  ((MASTERS >= 3)) || die "a cluster needs at least 3 masters"
  total=$((MASTERS * (1 + REPLICAS)))
  ((BASE_PORT >= 1 && BASE_PORT + total - 1 + BUS_OFFSET <= 65535)) || die "ports out of range"

  if [[ -d $STATE ]]; then
    # In a subshell: the stale env must not overwrite this run's settings.
    mapfile -t pids < <(load_env || true; our_pids)
    if ((${#pids[@]})); then
      log "cluster '$NAME' is already running (bash scripts/cluster.sh stop --name $NAME)"
      exit "$EXIT_IN_USE"
    fi
    log "removing stale state of '$NAME'"
    rm -rf "$STATE"
  fi
  for ((i = 0; i < total; i++)); do
    port=$((BASE_PORT + i))
    if ! ports_free "$port"; then
      log "port $port or bus port $((port + BUS_OFFSET)) is in use; pick another --base-port"
      exit "$EXIT_PORT_BUSY"
    fi
    PORTS+=("$port")
  done

  mkdir -p "$STATE"
  trap 'on_start_exit $?' EXIT
  if ((TLS)); then
    make_certs
    if [[ -n $HOSTNAMES ]]; then for port in "${PORTS[@]}"; do make_node_cert "$port"; done; fi
    PASSWORD=$(random_secret) ACL_USER=app ACL_PASSWORD=$(random_secret)
  fi
  for port in "${PORTS[@]}"; do write_conf "$port"; done
  for port in "${PORTS[@]}"; do start_process "$port"; done
  for port in "${PORTS[@]}"; do
    wait_for 10 "node $port to start" node_ready "$port"
    PIDS+=("$(node_pid "$port")")
    write_env
  done

  local addrs=() tls=()
  for port in "${PORTS[@]}"; do addrs+=("$HOST:$port"); done
  ((TLS)) && tls=(--tls --cacert "$CA_FILE")
  with_auth timeout 60 redis-cli "${tls[@]}" --cluster create "${addrs[@]}" \
    --cluster-replicas "$REPLICAS" --cluster-yes >"$STATE/create.log" 2>&1 ||
    die "redis-cli --cluster create failed"
  wait_for "$READY_SECS" "the cluster to form (state ok, all slots agreed, replicas in sync)" cluster_formed
  record_roles
  write_env
  trap - EXIT

  log "cluster '$NAME' up in $(($(now_ms) - t0)) ms:" \
    "${#MASTER_PORTS[@]} masters, ${#REPLICA_PORTS[@]} replicas, TLS $( ((TLS)) && echo on || echo off)${HOSTNAMES:+, announcing node-<port>.$HOSTNAMES (preferred endpoint: $ENDPOINT_TYPE)}"
  echo "seeds: $(IFS=,; echo "${addrs[*]}")"
  echo "env: $STATE/cluster.env"
}

on_start_exit() {
  local rc=$1
  ((rc == 0)) && return
  ((rc == EXIT_PORT_BUSY)) || dump_logs
  local pids=()
  mapfile -t pids < <(our_pids)
  stop_pids "${pids[@]}"
  if ((rc == EXIT_PORT_BUSY)); then
    # Nothing worth inspecting; the caller retries on other ports.
    rm -rf "$STATE"
    rm -f "$STATE_ROOT/.lock-$NAME"
  else
    log "start failed; state kept in $STATE for inspection (stop --name $NAME removes it)"
  fi
  exit "$rc"
}

cmd_stop() {
  local pids=()
  if [[ ! -d $STATE ]]; then
    log "no cluster named '$NAME' (nothing to stop)"
    return 0
  fi
  load_env || true
  mapfile -t pids < <(our_pids)
  stop_pids "${pids[@]}"
  # Never rm -rf a directory this script did not create.
  if [[ -f $STATE/cluster.env || -n $(compgen -G "$STATE/node-*/redis.conf") ]]; then
    rm -rf "$STATE"
    # Else per-run names pile up lock files. Racy only with two more commands on this very name
    # at this very moment, which per-run names never see.
    rm -f "$STATE_ROOT/.lock-$NAME"
  else
    die "$STATE does not look like a cluster state dir; left alone"
  fi
  log "cluster '$NAME' stopped (${#pids[@]} processes)"
}

require_env() { load_env || die "no cluster named '$NAME' (no $STATE/cluster.env)"; }

cmd_status() {
  local i port pid alive role state
  require_env
  for i in "${!PORTS[@]}"; do
    port=${PORTS[$i]} pid=$(cat "$(node_dir "$port")/redis.pid" 2>/dev/null || echo "${PIDS[$i]:-?}")
    if is_ours "$pid"; then
      alive=$(awk '$3 == "T" {print "stopped"; exit} {print "running"}' "/proc/$pid/stat")
      role=$(rcli "$port" ROLE 2>/dev/null | head -n 1 || echo '?')
      state=$(rcli "$port" CLUSTER INFO 2>/dev/null | tr -d '\r' | sed -n 's/^cluster_state://p' || echo '?')
    else
      alive=dead role=- state=-
    fi
    printf '%s:%s pid=%s %s role=%s cluster_state=%s\n' \
      "$HOST" "$port" "$pid" "$alive" "${role:-?}" "${state:-?}"
  done
}

cmd_add_node() {
  local port
  require_env
  ensure_tool redis-server redis-server
  port=$(printf '%s\n' "${PORTS[@]}" | sort -n | tail -n 1)
  for ((port = port + 1; ; port++)); do
    ((port + BUS_OFFSET <= 65535)) || die "no free port left"
    ports_free "$port" && break
  done
  if [[ -n $HOSTNAMES ]]; then make_node_cert "$port"; fi
  write_conf "$port"
  start_process "$port"
  wait_for 10 "node $port to start" node_ready "$port"
  PORTS+=("$port") PIDS+=("$(node_pid "$port")") MASTER_PORTS+=("$port")
  write_env
  local tls=()
  ((TLS)) && tls=(--tls --cacert "$CA_FILE")
  with_auth timeout 30 redis-cli "${tls[@]}" --cluster add-node "$HOST:$port" \
    "$HOST:${PORTS[0]}" >"$STATE/add-node-$port.log" 2>&1 ||
    { tail -n 15 "$STATE/add-node-$port.log" >&2; die "redis-cli --cluster add-node failed"; }
  wait_for "$READY_SECS" "$HOST:$port to join" node_joined "$port" "${PORTS[0]}"
  log "node $HOST:$port joined '$NAME' as a master without slots"
  echo "$port"
}

# The new node and the seed it met both see every node, and the new node sees all slots served.
node_joined() {
  local new=$1 seed=$2 info
  info=$(rcli "$seed" CLUSTER INFO 2>/dev/null | tr -d '\r') || return 1
  grep -qx "cluster_known_nodes:${#PORTS[@]}" <<<"$info" || return 1
  info=$(rcli "$new" CLUSTER INFO 2>/dev/null | tr -d '\r') || return 1
  grep -qx "cluster_known_nodes:${#PORTS[@]}" <<<"$info" && grep -qx 'cluster_state:ok' <<<"$info"
}

cmd_restart_node() {
  local i
  require_env
  [[ -n $PORT ]] || die "restart-node needs --port"
  for i in "${!PORTS[@]}"; do [[ ${PORTS[$i]} == "$PORT" ]] && break; done
  [[ ${PORTS[$i]} == "$PORT" ]] || die "port $PORT is not part of '$NAME'"
  ! is_ours "$(cat "$(node_dir "$PORT")/redis.pid" 2>/dev/null)" || die "node $PORT is still running"
  start_process "$PORT"
  wait_for 10 "node $PORT to start" node_ready "$PORT"
  PIDS[$i]=$(node_pid "$PORT")
  write_env
  echo "${PIDS[$i]}"
}

# One command at a time per name: a second `start` must not take a cluster that is still
# starting (no PIDs recorded yet) for stale state and delete it. Outside the state dir, which
# stop removes.
lock_name() {
  command -v flock >/dev/null 2>&1 || return 0
  mkdir -p "$STATE_ROOT"
  exec 9>"$STATE_ROOT/.lock-$NAME"
  flock -w 150 9 || die "timed out waiting for another cluster.sh working on '$NAME'"
}

main() {
  local cmd=${1:-help}
  (($#)) && shift
  case $cmd in
    help | -h | --help) usage; return 0 ;;
    start | stop | status | env | add-node | restart-node) parse_opts "$@" ;;
    *) usage >&2; exit 1 ;;
  esac
  case $cmd in
    start) lock_name; cmd_start ;;
    stop) lock_name; cmd_stop ;;
    status) cmd_status ;;
    env) require_env; cat "$STATE/cluster.env" ;;
    add-node) lock_name; cmd_add_node ;;
    restart-node) lock_name; cmd_restart_node ;;
  esac
}

main "$@"
