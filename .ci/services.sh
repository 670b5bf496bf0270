#!/usr/bin/env bash
# Makes sure what the tests need is here: PostgreSQL and Redis running on 127.0.0.1, and the
# Debian packages the browser, PDF, font, compose and accessibility tests use. Starts or installs what it can;
# otherwise stops with a message naming what is missing.
set -euo pipefail

missing=()
# Each Debian package the tests rely on, found by what it provides: the browser, the documents'
# font (static/css/documents.css asks for Liberation Sans; tests/test_document_fonts.py checks it),
# the PDF page renderer and the compose file checker.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[[ -n "$(fc-list 'Liberation Sans' 2>/dev/null)" ]] || missing+=(fonts-liberation)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
# HarfBuzz's subsetter: WeasyPrint subsets the documents' fonts with it (fontTools otherwise, far slower).
ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset\.so" || missing+=(libharfbuzz-subset0)
# npm (with Node.js) installs axe-core for the accessibility scan (tests/accessibility/package.json).
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} from Debian's packages…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

port_open() { timeout 2 bash -c "</dev/tcp/127.0.0.1/$1" 2>/dev/null; }

if ! port_open 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [[ -d /etc/postgresql ]]; then
    echo "Starting PostgreSQL…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  fi
  for _ in $(seq 1 30); do port_open 5432 && break; sleep 1; done
  port_open 5432 || { echo "PostgreSQL is not running on 127.0.0.1:5432 and could not be started." >&2; exit 1; }
fi

if ! port_open 6379; then
  if command -v redis-server >/dev/null 2>&1; then
    echo "Starting Redis…"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  fi
  for _ in $(seq 1 30); do port_open 6379 && break; sleep 1; done
  port_open 6379 || { echo "Redis is not running on 127.0.0.1:6379 and could not be started." >&2; exit 1; }
fi
echo "PostgreSQL and Redis are up."
