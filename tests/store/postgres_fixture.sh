#!/bin/sh
# Throwaway PostgreSQL server for the store tests (the CTest fixture "postgres").
#   postgres_fixture.sh start DIR   initdb into DIR/data, serve on a unix socket only (no TCP),
#                                   fsync off, create the database dienhong_test
#   postgres_fixture.sh stop DIR    stop the server and delete everything start made
#   postgres_fixture.sh url DIR     print the libpq URL the tests use (CMake reads it at configure)
# Each build directory has its own DIR, so builds never share a server. The socket lives in DIR
# unless that path is too long for a unix socket (or needs escaping in a URL); then it lives in
# /tmp/dh-pg-<hash of DIR>, still one per build. The socket directory is recorded in
# DIR/socket_dir. PostgreSQL refuses to run as root: as root, DIR is handed to the postgres user
# and the server commands run through runuser.
set -eu

usage() { echo "usage: $0 start|stop|url DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$2
case $dir in /*) ;; *) dir=$(pwd)/$dir ;; esac
cd /  # the server user may not be allowed into the caller's working directory

bindir=${DIENHONG_PG_BINDIR:-$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)}
if [ "$(id -u)" -eq 0 ]; then server_user=postgres; else server_user=$(id -un); fi

socket_dir() {
  # sun_path holds 107 bytes; stay under 100 with the ".s.PGSQL.5432" file name appended.
  if [ ${#dir} -gt 84 ] || printf '%s' "$dir" | grep -q '[^A-Za-z0-9/._-]'; then
    echo "/tmp/dh-pg-$(printf '%s' "$dir" | sha256sum | cut -c1-12)"
  else
    echo "$dir"
  fi
}

as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_server() {
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_server "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 && return 0
  as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 && return 0
  pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
}

clean_up() {
  sock=$(cat "$dir/socket_dir" 2>/dev/null || socket_dir)
  rm -rf "$dir/data" "$dir/socket_dir" "$dir/initdb.log" "$dir/server.log"
  case $sock in /tmp/dh-pg-*) rm -rf "$sock" ;; esac
  rmdir "$dir" 2>/dev/null || true
}

start() {
  stop_server  # a server left behind by an interrupted run
  clean_up
  sock=$(socket_dir)
  mkdir -p "$dir"
  if [ "$sock" != "$dir" ]; then
    mkdir -m 700 "$sock" || { echo "cannot create socket directory $sock" >&2; exit 1; }
  fi
  if [ "$(id -u)" -eq 0 ]; then chown "$server_user:" "$dir" "$sock"; fi
  chmod 700 "$dir" "$sock"
  echo "$sock" >"$dir/socket_dir"

  if ! as_server "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C \
      --no-sync --no-instructions >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    exit 1
  fi
  if ! as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
    cat "$dir/server.log" >&2
    exit 1
  fi
  as_server "$bindir/createdb" -h "$sock" -U postgres dienhong_test
  echo "PostgreSQL for the store tests: $(url)"
}

url() { echo "postgresql:///dienhong_test?host=$(socket_dir)&user=postgres"; }

case $action in
  start) start ;;
  stop) stop_server; clean_up ;;
  url) url ;;
  *) usage ;;
esac
