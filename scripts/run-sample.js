#!/usr/bin/env node
// Runs the compiled sample app (npm run sample). With REDIS_CLUSTER_NODES set, against that cluster;
// otherwise against a throwaway local cluster "sample" that lives exactly as long as the app.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const APP = path.join(ROOT, 'dist-sample', 'sample-app', 'main.js');
const CLUSTER = path.join(ROOT, 'scripts', 'cluster.sh');
const NAME = 'sample';
const EXIT_PORT_BUSY = 3; // scripts/cluster.sh: a port was taken, try other ones
// Clear of cluster.sh's own default (7000), which a human's cluster may hold.
const BASE_PORT = Number(process.env.SAMPLE_CLUSTER_BASE_PORT || 7100);

function cluster(args, stdout = 'inherit') {
  // CLUSTER_OWNER_PID: if this runner dies without stopping the cluster, the next test run reaps it.
  const env = { ...process.env, CLUSTER_OWNER_PID: String(process.pid) };
  const child = spawn('bash', [CLUSTER, ...args, '--name', NAME], { cwd: ROOT, env, stdio: ['ignore', stdout, 'inherit'] });
  let out = '';
  if (stdout === 'pipe') child.stdout.on('data', (chunk) => (out += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, out })));
}

async function startCluster() {
  for (let attempt = 0; attempt < 5; attempt++) {
    const base = BASE_PORT + attempt * 100;
    const { code, out } = await cluster(['start', '--base-port', String(base)], 'pipe');
    const seeds = /^seeds: (.+)$/m.exec(out);
    if (code === 0 && seeds) return seeds[1].trim();
    if (code !== EXIT_PORT_BUSY) throw new Error(`scripts/cluster.sh start failed (exit ${code})`);
  }
  throw new Error(`no free ports from ${BASE_PORT}; set SAMPLE_CLUSTER_BASE_PORT`);
}

function runApp(env) {
  const app = spawn(process.execPath, [APP], { cwd: ROOT, env, stdio: 'inherit' });
  // Ctrl-C reaches the app directly (same process group); a plain `kill` of this runner does not.
  const forward = (signal) => app.exitCode === null && app.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => app.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

async function main() {
  if (process.env.REDIS_CLUSTER_NODES) return runApp(process.env);

  // Signals that arrive while the cluster starts: let cluster.sh clean up after itself, then stop.
  let interrupted = false;
  const interrupt = () => (interrupted = true);
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  const seeds = await startCluster();
  process.off('SIGINT', interrupt);
  process.off('SIGTERM', interrupt);
  console.error(`run-sample: local cluster "${NAME}" up: ${seeds}`);

  let code = 1;
  try {
    if (!interrupted) code = await runApp({ ...process.env, REDIS_CLUSTER_NODES: seeds });
  } finally {
    // The app has exited (and drained its connections) before the nodes go away.
    await cluster(['stop']);
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`run-sample: ${error.message}`);
    process.exit(1);
  },
);
