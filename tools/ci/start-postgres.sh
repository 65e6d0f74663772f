#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the test suites and prints its URL.
# Usage: eval "$(tools/ci/start-postgres.sh)"   (sets TEST_POSTGRES_URL)
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGPORT=${PGPORT:-55432}
PGDATA=${PGDATA_DIR:-/tmp/timesheets-pg}
if ! "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PGPORT" -q 2>/dev/null; then
  rm -rf "$PGDATA"
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  su postgres -c "$PGBIN/initdb -D $PGDATA -A trust -U postgres --no-sync" >/dev/null
  su postgres -c "$PGBIN/pg_ctl -D $PGDATA -o '-h 127.0.0.1 -p $PGPORT -k /tmp -c fsync=off -c max_connections=300' -l $PGDATA/log -w start" >/dev/null
fi
echo "export TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$PGPORT/postgres"
