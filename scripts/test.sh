#!/usr/bin/env bash
# The whole suite: lint, then pytest on SQLite, then on PostgreSQL when it is reachable
# (under CI=true PostgreSQL is required: we start it if it is down and fail if we cannot).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/technohub}
CI=${CI:-false}

can_install() { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

# Debian's chromium for the browser tests (Playwright cannot download its own browsers here).
if [ ! -x /usr/bin/chromium ]; then
  if can_install && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests…"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
  elif [ "$CI" = true ]; then
    echo "CI: /usr/bin/chromium is missing and cannot be installed" >&2; exit 1
  else
    echo "Note: /usr/bin/chromium is missing; browser tests will be skipped." >&2
  fi
fi

pg_ready() { "$BIN/python" scripts/pg_ready.py "$PG_URL"; }
if ! pg_ready && [ "$CI" = true ]; then
  echo "CI: PostgreSQL is down; starting it…"
  if command -v pg_ctlcluster >/dev/null; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  pg_ready || { echo "CI: PostgreSQL is still unreachable at $PG_URL" >&2; exit 1; }
fi

echo "== ruff"
"$BIN/ruff" check .
"$BIN/ruff" format --check .

echo "== Django checks"
"$BIN/python" manage.py check
"$BIN/python" manage.py makemigrations --check --dry-run >/dev/null
DEBUG=0 SECRET_KEY="ci-$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" \
  "$BIN/python" manage.py check --deploy --fail-level WARNING

echo "== pytest on SQLite"
"$BIN/pytest" -n 2 "$@"

if pg_ready; then
  echo "== pytest on PostgreSQL"
  DATABASE_URL="$PG_URL" "$BIN/pytest" -n 2 "$@"
else
  echo "PostgreSQL not reachable at $PG_URL: skipped the PostgreSQL pass (required in CI)."
fi
