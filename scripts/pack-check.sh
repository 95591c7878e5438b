#!/usr/bin/env bash
# The package as users get it: `npm pack` (prepack builds dist/), then the tarball installed with
# `npm install <tarball>` into copies of the apps under test/pack/ (each `npm ci` from its own lock
# file first), outside this repository so that nothing resolves from its node_modules:
#   nest12-esm  Nest 12 ESM app: boots, GET /health 200 with every node; and a Jest ESM spec
#   nest11-cjs  Nest 11 CommonJS application context, without @nestjs/terminus
#   plain       ESM and CommonJS scripts on slotline/client, with no Nest, rxjs or reflect-metadata,
#               and its typings checked by tsc (module nodenext) from .mts and .cts files; slotline/keyv
#               and slotline/throttler used there too, with keyv and @nestjs/throttler absent (and
#               @opentelemetry/api: the root and client entries never load it)
#   otel        slotline/otel, ESM and CommonJS, with the OpenTelemetry SDK's in-memory exporters
# Then the RSS growth of importing each entry. Against REDIS_CLUSTER_NODES if set, else a local
# cluster "pack" that lives as long as this script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
scratch=$(mktemp -d)
cluster_up=0
cleanup() {
  if ((cluster_up)); then bash "$root/scripts/cluster.sh" stop --name pack >/dev/null 2>&1 || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

step() { printf '\npack-check: %s\n' "$*"; }

step "npm pack"
tarball="$scratch/$(npm pack --pack-destination "$scratch" --silent | tail -n 1)"
listing=$(tar tzf "$tarball")
echo "$(basename "$tarball"): $(echo "$listing" | wc -l) files, $(du -k "$tarball" | cut -f1) kB"
for required in package/dist/cjs/index.js package/dist/cjs/client.d.ts package/dist/esm/index.js package/dist/esm/client.d.ts \
  package/dist/cjs/package.json package/dist/esm/package.json package/dist/cjs/otel/index.js package/dist/esm/otel/index.js; do
  grep -qx "$required" <<<"$listing" || { echo "pack-check: $required missing from the tarball" >&2; exit 1; }
done
if grep -v '^package/dist/' <<<"$listing" | grep -vxE 'package/(package\.json|README\.md|LICENSE)'; then
  echo "pack-check: files above should not be published" >&2
  exit 1
fi

if [ -z "${REDIS_CLUSTER_NODES:-}" ]; then
  step "starting local cluster \"pack\""
  export CLUSTER_OWNER_PID=$$
  base=${PACK_CLUSTER_BASE_PORT:-7400}
  for attempt in 0 1 2 3 4; do
    cluster_up=1
    status=0
    out=$(bash scripts/cluster.sh start --name pack --base-port $((base + attempt * 100))) || status=$?
    # 3: a port was taken (scripts/cluster.sh); try the next range.
    [ "$status" -eq 3 ] && { cluster_up=0; continue; }
    [ "$status" -eq 0 ] || { echo "pack-check: cluster start failed (exit $status)" >&2; exit 1; }
    break
  done
  REDIS_CLUSTER_NODES=$(sed -n 's/^seeds: //p' <<<"$out" | tr -d ' ')
  [ -n "$REDIS_CLUSTER_NODES" ] || { echo "pack-check: no free ports from $base" >&2; exit 1; }
  export REDIS_CLUSTER_NODES
fi

install_app() {
  cp -r "test/pack/$1" "$scratch/$1"
  (cd "$scratch/$1" &&
    npm ci --prefer-offline --no-audit --no-fund --loglevel=error --ignore-scripts &&
    npm install --prefer-offline --no-save --no-audit --no-fund --loglevel=error --ignore-scripts "$tarball")
}

for app in nest12-esm nest11-cjs plain otel; do
  step "installing $app"
  install_app "$app"
done

step "running the apps"
(cd "$scratch/nest12-esm" && node app.mjs)
(cd "$scratch/nest12-esm" && npm test --silent -- --ci 2>&1)
(cd "$scratch/nest11-cjs" && node app.cjs)
(cd "$scratch/plain" && node client.mjs && node client.cjs && node entries.mjs && node entries.cjs)
(cd "$scratch/otel" && node otel.mjs && node otel.cjs)
# The typings a TypeScript user resolves with module nodenext, ESM (.mts) and CommonJS (.cts) alike.
(cd "$scratch/plain" && node "$root/node_modules/typescript/bin/tsc" --noEmit --strict --module nodenext \
  --moduleResolution nodenext --target es2022 --typeRoots "$root/node_modules/@types" --types node types.mts types.cts)
echo "plain types: slotline/client typings check under nodenext (ESM and CommonJS)"
# skipLibCheck: OpenTelemetry's own declarations are not ours to check.
(cd "$scratch/otel" && node "$root/node_modules/typescript/bin/tsc" --noEmit --strict --skipLibCheck --module nodenext \
  --moduleResolution nodenext --target es2022 --typeRoots "$root/node_modules/@types" --types node types.mts types.cts)
echo "otel types: slotline/otel typings check under nodenext (ESM and CommonJS)"

step "RSS growth of importing each entry (Nest 12 installed)"
(cd "$scratch/nest12-esm" && node "$root/test/pack/measure-rss.mjs" slotline slotline/client)
echo
echo "pack-check: passed"
