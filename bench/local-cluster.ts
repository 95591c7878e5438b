import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { SeedAddress } from './adapters';

/** scripts/cluster.sh's exit codes that mean "try elsewhere" (see the script). */
const EXIT_PORT_BUSY = 3;
const EXIT_IN_USE = 4;

export interface LocalCluster {
  name: string;
  seeds: SeedAddress[];
  /** Idempotent and synchronous, so it also works from an 'exit' or signal handler. */
  stop(): void;
}

/**
 * Starts a throwaway 3 masters + 3 replicas cluster with the project's script, on free ports
 * (retrying on another base port when one is taken), and makes sure it is stopped however the
 * run ends: normal end, an error, Ctrl-C or SIGTERM.
 */
export async function startLocalCluster(repoRoot: string, log: (line: string) => void): Promise<LocalCluster> {
  const script = join(repoRoot, 'scripts', 'cluster.sh');
  let name = 'bench';
  for (let attempt = 0; attempt < 8; attempt++) {
    // Bus ports are port + 10000; stay well below 55535 and away from the test clusters' usual range.
    const basePort = 20_000 + 10 * Math.floor(Math.random() * 2_000);
    const { code, stdout, stderr } = await run('bash', [script, 'start', '--name', name, '--base-port', String(basePort)]);
    if (code === EXIT_PORT_BUSY) continue;
    if (code === EXIT_IN_USE) {
      log(`a cluster named '${name}' is already running; using 'bench-${process.pid}'`);
      name = `bench-${process.pid}`;
      continue;
    }
    if (code !== 0) throw new Error(`scripts/cluster.sh start failed (exit ${code}):\n${stderr.trim()}`);
    const seedsLine = stdout.split('\n').find((l) => l.startsWith('seeds: '));
    if (seedsLine === undefined) throw new Error(`scripts/cluster.sh printed no seeds:\n${stdout}`);
    const cluster = makeHandle(script, name, parseSeeds(seedsLine.slice('seeds: '.length)), log);
    log(stderr.trim().split('\n').at(-1) ?? `cluster '${name}' up`);
    return cluster;
  }
  throw new Error('scripts/cluster.sh start: no free ports after 8 attempts');
}

export function parseSeeds(list: string): SeedAddress[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const at = s.lastIndexOf(':');
      const port = Number(s.slice(at + 1));
      if (at <= 0 || !Number.isInteger(port)) throw new Error(`not a host:port seed: '${s}'`);
      return { host: s.slice(0, at), port };
    });
}

function makeHandle(script: string, name: string, seeds: SeedAddress[], log: (line: string) => void): LocalCluster {
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    const result = spawnSync('bash', [script, 'stop', '--name', name], { encoding: 'utf8', timeout: 30_000 });
    log(result.status === 0 ? `cluster '${name}' stopped` : `stopping cluster '${name}' failed: ${result.stderr}`);
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the cluster`);
      stop();
      process.exit(130);
    });
  }
  return { name, seeds, stop };
}

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
