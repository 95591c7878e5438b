#!/usr/bin/env bash
# Nest 12 is ESM-only, which Jest (CommonJS) cannot load, so the suite runs on Nest 11. This check
# installs Nest 12 into a scratch folder, builds this package, and boots a small app there against
# a local cluster: the module connects, /health answers with every node, and shutdown closes the client.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
scratch=$(mktemp -d)
trap 'bash "$root/scripts/cluster.sh" stop --name nest12 >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT

npm run build >/dev/null
cp test/compat/nest12-app.mjs "$scratch/"
(cd "$scratch" && echo '{"private":true}' >package.json &&
  npm install --no-audit --no-fund --loglevel=error @nestjs/common@12 @nestjs/core@12 @nestjs/platform-express@12 @nestjs/terminus@12 reflect-metadata rxjs >/dev/null)
# After the install, which would prune a package it did not put there.
mkdir -p "$scratch/node_modules/nestjs-redis-cluster"
cp -r dist package.json "$scratch/node_modules/nestjs-redis-cluster/"

if [ -z "${REDIS_CLUSTER_NODES:-}" ]; then
  bash scripts/cluster.sh start --name nest12 --base-port "${NEST12_CLUSTER_BASE_PORT:-7300}" >/dev/null
  ports=$(bash scripts/cluster.sh env --name nest12 | sed -n 's/^CLUSTER_MASTER_PORTS=//p' | tr -d '\\')
  REDIS_CLUSTER_NODES=$(printf '127.0.0.1:%s,' $ports)
  REDIS_CLUSTER_NODES=${REDIS_CLUSTER_NODES%,}
  export REDIS_CLUSTER_NODES
fi
(cd "$scratch" && node nest12-app.mjs)
