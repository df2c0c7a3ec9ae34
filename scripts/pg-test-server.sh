#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite.
#
#   scripts/pg-test-server.sh start   # install PostgreSQL if missing, start a server, print its URL
#   scripts/pg-test-server.sh url     # print the URL of the running server
#   scripts/pg-test-server.sh stop    # stop it and delete its files
#
# The cluster lives in a temporary folder (recorded in $SCRIPTORIUM_PG_STATE, default
# /tmp/scriptorium-pg-test), listens on 127.0.0.1 on a free port with trust
# authentication, and runs without fsync: it holds test data only. As root it runs
# the server as the `postgres` user, since PostgreSQL refuses to run as root.
#
#   export SCRIPTORIUM_TEST_POSTGRES="$(scripts/pg-test-server.sh start)"
set -euo pipefail

STATE="${SCRIPTORIUM_PG_STATE:-/tmp/scriptorium-pg-test}"
DATABASE="${SCRIPTORIUM_PG_DATABASE:-scriptorium_test}"
PG_USER=postgres

say() { echo "pg-test-server: $*" >&2; }
die() { say "$*"; exit 1; }

find_bindir() {
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then echo "$candidate"; return 0; fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"; return 0
  fi
  return 1
}

install_postgres() {
  [[ $(id -u) -eq 0 ]] || die "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
  command -v apt-get >/dev/null || die "PostgreSQL is not installed and apt-get is not available"
  say "installing PostgreSQL with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
}

# Run a command as the server's owner: ourselves, or `postgres` when we are root.
as_owner() {
  if [[ $(id -u) -ne 0 ]]; then "$@"; return; fi
  if command -v runuser >/dev/null; then (cd / && runuser -u "$PG_USER" -- "$@"); return; fi
  (cd / && su "$PG_USER" -s /bin/sh -c "$(printf '%q ' "$@")")
}

ensure_owner() {
  [[ $(id -u) -eq 0 ]] || return 0
  id -u "$PG_USER" >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh "$PG_USER"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

server_url() { echo "postgresql://${PG_USER}@127.0.0.1:$(cat "$STATE/port")/${DATABASE}"; }

is_running() {
  [[ -f "$STATE/port" && -f "$STATE/bindir" ]] || return 1
  as_owner "$(cat "$STATE/bindir")/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1
}

start() {
  if is_running; then server_url; return 0; fi
  [[ -e "$STATE" ]] && stop_quietly
  local bindir
  bindir="$(find_bindir)" || { install_postgres; bindir="$(find_bindir)" || die "initdb not found after installing"; }
  ensure_owner
  if [[ $(id -u) -eq 0 ]]; then
    PG_USER=postgres
  else
    PG_USER="$(id -un)"
  fi
  mkdir -p "$STATE"
  chmod 700 "$STATE"
  [[ $(id -u) -eq 0 ]] && chown "$PG_USER" "$STATE"
  echo "$bindir" >"$STATE/bindir"
  echo "$PG_USER" >"$STATE/user"
  as_owner "$bindir/initdb" -D "$STATE/data" -U "$PG_USER" --auth=trust --encoding=UTF8 --no-locale \
    >"$STATE/initdb.log" 2>&1 || { cat "$STATE/initdb.log" >&2; die "initdb failed"; }
  local port attempt
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    echo "$port" >"$STATE/port"
    if as_owner "$bindir/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $STATE -c fsync=off -c synchronous_commit=off \
-c full_page_writes=off -c max_connections=200" >/dev/null 2>&1; then
      as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$PG_USER" "$DATABASE"
      server_url
      return 0
    fi
    say "start on port $port failed (attempt $attempt)"
  done
  tail -n 20 "$STATE/server.log" >&2 || true
  die "could not start PostgreSQL"
}

stop_quietly() {
  if [[ -f "$STATE/bindir" && -d "$STATE/data" ]]; then
    as_owner "$(cat "$STATE/bindir")/pg_ctl" -D "$STATE/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$STATE"
}

load_user() { [[ -f "$STATE/user" ]] && PG_USER="$(cat "$STATE/user")"; return 0; }

case "${1:-}" in
  start) load_user; start ;;
  url) load_user; is_running || die "no test server is running (run: $0 start)"; server_url ;;
  stop) load_user; stop_quietly ;;
  *) echo "usage: $0 start|url|stop" >&2; exit 2 ;;
esac
