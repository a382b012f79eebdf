#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine (first what the app itself calls), and nothing when it is already there.
# Chromium for the browser tests (Playwright drives Debian's /usr/bin/chromium; it never downloads a browser);
# python3-openpyxl for reading .xlsx exports back in tests; mariadb-server for the tests on the server engine.
set -euo pipefail
"$(dirname "$0")/install-run-deps.sh" # the app's own tools (pdftotext, img2pdf)
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c "import openpyxl" 2>/dev/null || missing+=(python3-openpyxl)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
# MariaDB for the tests that run on both engines (scripts/mariadb.sh starts a throwaway server; no systemd).
[ -x /usr/sbin/mariadbd ] || command -v mariadbd >/dev/null || missing+=(mariadb-server mariadb-client)
# Several app instances (scripts/cluster.sh): Galera beside MariaDB, rsync for a joining node's copy, Redis, HAProxy.
[ -f /usr/lib/galera/libgalera_smm.so ] || missing+=(galera-4)
command -v rsync >/dev/null || missing+=(rsync)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v haproxy >/dev/null || missing+=(haproxy)
if [ ${#missing[@]} -gt 0 ]; then "$(dirname "$0")/apt-install.sh" "${missing[@]}"; fi
# The OpenID Connect provider that stands in for Entra ID (npm oidc-provider, pinned in its package-lock.json).
if [ ! -d "$(dirname "$0")/../tests/oidc-provider/node_modules/oidc-provider" ]; then
  command -v npm >/dev/null || "$(dirname "$0")/apt-install.sh" nodejs npm
  npm ci --prefix "$(dirname "$0")/../tests/oidc-provider" --no-audit --no-fund
fi
