#!/usr/bin/env bash
# Single-node OpenSearch 2.19 for integration tests and CI, built from Maven
# Central jars (no Docker, no tarball). See scripts/services/opensearch/.
#
#   scripts/services/opensearch.sh start|stop|status|restart|clean
#
# Environment:
#   VIGIE_SERVICES_DIR          base dir for service state (default /tmp/vigie-services);
#                               this service uses $VIGIE_SERVICES_DIR/opensearch
#   OPENSEARCH_PORT             HTTP port (default 9200)
#   OPENSEARCH_TRANSPORT_PORT   transport port (default 9300)
#   OPENSEARCH_HEAP             heap size for -Xmx (default 1g; -Xms is 512m)
#   OPENSEARCH_JAVA             java binary (default: JDK 17 if installed, else `java`)
#   OPENSEARCH_START_TIMEOUT    seconds to wait for green/yellow (default 180)
#
# `clean` stops the node and deletes its data and logs (the cached classpath
# and compiled launcher are kept; they are keyed by a hash of the sources).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC_DIR="$SCRIPT_DIR/opensearch"
POM="$SRC_DIR/pom.xml"
LAUNCHER_SRC="$SRC_DIR/src/main/java/vigie/OpenSearchLauncher.java"

BASE_DIR="${VIGIE_SERVICES_DIR:-/tmp/vigie-services}/opensearch"
NODE_DIR="$BASE_DIR/node"       # path.home / path.data / path.logs live under here
LOG_DIR="$BASE_DIR/logs"
LOG_FILE="$LOG_DIR/opensearch.log"
PID_FILE="$BASE_DIR/opensearch.pid"
READY_FILE="$BASE_DIR/opensearch.ready"   # written by the launcher once set up
BUILD_ROOT="$BASE_DIR/build"

PORT="${OPENSEARCH_PORT:-9200}"
TRANSPORT_PORT="${OPENSEARCH_TRANSPORT_PORT:-9300}"
HEAP="${OPENSEARCH_HEAP:-1g}"
TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"
HEALTH_URL="http://127.0.0.1:${PORT}/_cluster/health"

log() { echo "opensearch: $*"; }
err() { echo "opensearch: $*" >&2; }

pick_java() {
  if [[ -n "${OPENSEARCH_JAVA:-}" ]]; then
    echo "$OPENSEARCH_JAVA"
  elif [[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]]; then
    echo /usr/lib/jvm/java-17-openjdk-amd64/bin/java
  else
    command -v java
  fi
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# pid of our running launcher, or nothing
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # guard against pid reuse: must be our launcher for this data dir
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "vigie.OpenSearchLauncher $NODE_DIR" || return 1
  echo "$pid"
}

# prints the cluster status (green/yellow/red) or nothing
health_status() {
  curl -fsS -m 3 "$HEALTH_URL" 2>/dev/null \
    | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' || true
}

is_healthy() {
  local s
  s="$(health_status)"
  [[ "$s" == green || "$s" == yellow ]]
}

# Resolves the classpath with Maven and compiles the launcher, cached in
# $BUILD_ROOT/<hash of pom + launcher source>. Sets CLASSPATH_FILE and CLASSES_DIR.
build() {
  local java_bin="$1" hash dir
  hash="$(cat "$POM" "$LAUNCHER_SRC" | sha256sum | cut -c1-16)"
  dir="$BUILD_ROOT/$hash"
  CLASSPATH_FILE="$dir/classpath.txt"
  CLASSES_DIR="$dir/classes"

  if [[ -f "$dir/.ok" ]]; then
    # jars live in ~/.m2: re-resolve if any went missing
    local missing=0 jar
    while IFS= read -r jar; do
      [[ -z "$jar" || -f "$jar" ]] || { missing=1; break; }
    done < <(tr ':' '\n' <"$CLASSPATH_FILE")
    if [[ $missing -eq 0 ]]; then return 0; fi
    rm -f "$dir/.ok"
  fi

  rm -rf "$dir"
  mkdir -p "$dir"
  log "resolving classpath with Maven (first run for this pom may download jars)..."
  if ! mvn -q -B -f "$POM" dependency:build-classpath \
        -Dmdep.outputFile="$CLASSPATH_FILE" >"$dir/mvn.log" 2>&1; then
    err "maven failed:"; tail -n 40 "$dir/mvn.log" >&2; return 1
  fi
  local javac_bin
  javac_bin="$(dirname "$(readlink -f "$java_bin")")/javac"
  [[ -x "$javac_bin" ]] || javac_bin="javac"
  mkdir -p "$CLASSES_DIR"
  if ! "$javac_bin" -nowarn -d "$CLASSES_DIR" -cp "$(cat "$CLASSPATH_FILE")" "$LAUNCHER_SRC" >"$dir/javac.log" 2>&1; then
    err "javac failed:"; cat "$dir/javac.log" >&2; return 1
  fi
  # keep only the current build
  find "$BUILD_ROOT" -mindepth 1 -maxdepth 1 -type d ! -name "$hash" -exec rm -rf {} +
  touch "$dir/.ok"
}

write_log_config() {
  cat >"$BASE_DIR/log4j2.properties" <<'EOF'
status = error
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %marker%m%n
rootLogger.level = info
rootLogger.appenderRef.console.ref = console
# deprecation warnings are noisy and irrelevant for a throwaway test node
logger.deprecation.name = org.opensearch.deprecation
logger.deprecation.level = error
EOF
}

start() {
  local t0 pid java_bin
  t0="$(now)"

  if pid="$(running_pid)"; then
    if is_healthy; then
      log "already running (pid $pid) on 127.0.0.1:$PORT"
      return 0
    fi
    log "already started (pid $pid), waiting for it to become healthy..."
  else
    if curl -fsS -m 2 "http://127.0.0.1:${PORT}/" >/dev/null 2>&1; then
      err "port $PORT is already served by another process (not $BASE_DIR); refusing to start"
      return 1
    fi
    java_bin="$(pick_java)"
    mkdir -p "$BASE_DIR" "$NODE_DIR" "$LOG_DIR" "$BASE_DIR/tmp"
    build "$java_bin"
    write_log_config
    if [[ -f "$LOG_FILE" ]]; then mv -f "$LOG_FILE" "$LOG_FILE.1"; fi
    rm -f "$READY_FILE"

    # Same system properties a regular distribution passes; no security
    # manager, bootstrap checks or --add-opens are needed on Java 17.
    local jvm_opts=(
      -Xms512m "-Xmx$HEAP"
      -XX:+UseG1GC -XX:G1ReservePercent=25 -XX:InitiatingHeapOccupancyPercent=30
      -XX:-OmitStackTraceInFastThrow
      -XX:+HeapDumpOnOutOfMemoryError "-XX:HeapDumpPath=$BASE_DIR/tmp"
      -XX:+ExitOnOutOfMemoryError
      "-Djava.io.tmpdir=$BASE_DIR/tmp"
      -Dfile.encoding=UTF-8
      -Djava.awt.headless=true
      -Djna.nosys=true
      -Djava.locale.providers=SPI,COMPAT
      -Dio.netty.noUnsafe=true
      -Dio.netty.noKeySetOptimization=true
      -Dio.netty.recycler.maxCapacityPerThread=0
      -Dio.netty.allocator.numDirectArenas=0
      -Dopensearch.set.netty.runtime.available.processors=false
      -Dlog4j.shutdownHookEnabled=false
      -Dlog4j2.disable.jmx=true
      "-Dlog4j.configurationFile=$BASE_DIR/log4j2.properties"
      "-Dvigie.readyFile=$READY_FILE"
    )
    # setsid: detach from the caller's session so the node outlives the shell
    setsid "$java_bin" "${jvm_opts[@]}" \
      -cp "$CLASSES_DIR:$(cat "$CLASSPATH_FILE")" \
      vigie.OpenSearchLauncher "$NODE_DIR" \
      "http.port=$PORT" "transport.port=$TRANSPORT_PORT" \
      </dev/null >>"$LOG_FILE" 2>&1 &
    pid=$!
    echo "$pid" >"$PID_FILE"
  fi

  local deadline
  deadline=$(( $(date +%s) + TIMEOUT ))
  while (( $(date +%s) < deadline )); do
    if [[ -f "$READY_FILE" ]] && is_healthy; then
      log "ready on 127.0.0.1:$PORT in $(elapsed "$t0")s (pid $pid, status $(health_status), data $BASE_DIR)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      err "process $pid exited during startup; last log lines ($LOG_FILE):"
      tail -n 60 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE" "$READY_FILE"
      return 1
    fi
    sleep 0.5
  done
  err "not healthy after ${TIMEOUT}s; last log lines ($LOG_FILE):"
  tail -n 60 "$LOG_FILE" >&2 || true
  return 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE" "$READY_FILE"
    log "not running"
    return 0
  fi
  local t0
  t0="$(now)"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    err "pid $pid still alive after 30s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$PID_FILE" "$READY_FILE"
  log "stopped (pid $pid) in $(elapsed "$t0")s"
}

status() {
  local pid s
  s="$(health_status)"
  if pid="$(running_pid)"; then
    if [[ "$s" == green || "$s" == yellow ]]; then
      log "running (pid $pid) on 127.0.0.1:$PORT, cluster status $s"
      return 0
    fi
    log "process running (pid $pid) but not healthy on 127.0.0.1:$PORT (status: ${s:-no answer})"
    return 1
  fi
  if [[ "$s" == green || "$s" == yellow ]]; then
    log "not started by this script, but a healthy node answers on 127.0.0.1:$PORT (status $s)"
    return 0
  fi
  log "not running"
  return 3
}

clean() {
  stop
  rm -rf "$NODE_DIR" "$LOG_DIR" "$BASE_DIR/tmp" "$BASE_DIR/log4j2.properties"
  log "removed data and logs under $BASE_DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart) stop; start ;;
  clean) clean ;;
  *) echo "usage: $0 start|stop|status|restart|clean" >&2; exit 2 ;;
esac
