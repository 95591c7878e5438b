#!/usr/bin/env bash
# The Nest-facing specs on Nest 11 as CommonJS (jest.nest11.config.js). Nest 11 lives in the fixture
# package test/fixtures/nest11, installed from its lock file when that changed since the last install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
fixture=test/fixtures/nest11
stamp=$fixture/node_modules/.installed-from-lock
if ! cmp -s "$fixture/package-lock.json" "$stamp" 2>/dev/null; then
  (cd "$fixture" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error --ignore-scripts)
  cp "$fixture/package-lock.json" "$stamp"
fi
exec npx jest -c jest.nest11.config.js "$@"
