#!/usr/bin/env bash
# What the browser tests (tests/browser) need beyond the Python packages: Debian's Chromium and
# axe-core. Safe to run again: each step is skipped when its result is already there.
# Playwright and Pagefind are Python packages from pyproject.toml (pip install -e '.[test]');
# `playwright install` is never needed: the tests drive the system's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Chromium (Debian package)"
  apt_install chromium
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  echo "installing axe-core into node_modules/"
  if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund
  else
    npm install --no-audit --no-fund
  fi
fi

if ! "$PYTHON" -c "import playwright.sync_api, pagefind_bin" >/dev/null 2>&1; then
  echo "warning: playwright or pagefind[bin] is missing from $PYTHON: pip install -e '.[test]'" >&2
fi

/usr/bin/chromium --version
echo "axe-core $(node -p "require('./node_modules/axe-core/package.json').version" 2>/dev/null || echo '?')"
