/**
 * The real local clusters, for specs: the two shared ones started by the Jest global setup
 * (plainCluster, tlsCluster), private ones for destructive tests (startPrivateCluster), and
 * redis-cli for assertions on the servers. Everything goes through scripts/cluster.sh.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const STATE_ROOT = process.env.CLUSTER_STATE_DIR ?? path.join(REPO_ROOT, '.cluster');
const SCRIPT = path.join(REPO_ROOT, 'scripts', 'cluster.sh');
const HOST = '127.0.0.1';
const BUS_OFFSET = 10_000;
/** scripts/cluster.sh exits with this when a port was taken: pick other ports and retry. */
const EXIT_PORT_BUSY = 3;
/** scripts/cluster.sh exits with this when a cluster of that name is already running. */
export const EXIT_IN_USE = 4;
const SCRIPT_TIMEOUT_MS = 120_000;
const CLI_TIMEOUT_MS = 10_000;

/** Set by the global setup; workers inherit it, so concurrent Jest runs never read each other's file. */
export const TEST_INFO_ENV = 'REDIS_CLUSTER_TEST_INFO';
/** The shared clusters' names, from the global setup to the teardown (same process). */
export const NAMES_ENV = 'REDIS_CLUSTER_TEST_NAMES';
/** PID of the Jest process that owns the clusters; its teardown sweeps what this run left behind. */
export const OWNER_ENV = 'REDIS_CLUSTER_TEST_OWNER';

export interface NodeAddress {
  host: string;
  port: number;
}
export interface PlainCluster {
  nodes: NodeAddress[];
  ports: number[];
}
export interface TlsCluster extends PlainCluster {
  /** PEM of the throwaway CA that signed the servers' certificate (SAN IP:127.0.0.1, DNS:localhost). */
  ca: Buffer;
  caFile: string;
  /** The default user's password (requirepass). */
  password: string;
  aclUser: string;
  aclPassword: string;
}

/** What scripts/cluster.sh records in <state>/<name>/cluster.json. */
export interface ClusterRecord {
  name: string;
  stateDir: string;
  tls: boolean;
  nodeTimeout: number;
  caFile: string | null;
  password: string | null;
  aclUser: string | null;
  aclPassword: string | null;
  ownerPid: number | null;
  /** `--hostnames` domain: node on port P announces node-P.<domain>; absent or null otherwise. */
  hostnames?: string | null;
  /** cluster-preferred-endpoint-type with --hostnames. */
  endpointType?: EndpointType | null;
  nodes: { port: number; pid: number; initialRole: 'master' | 'replica' | null }[];
}

export interface TestInfo {
  plain: ClusterRecord;
  tls: ClusterRecord;
}

export function testInfoPath(): string {
  return process.env[TEST_INFO_ENV] || path.join(STATE_ROOT, 'test-info.json');
}

function readTestInfo(): TestInfo {
  const file = testInfoPath();
  if (process.env.SKIP_CLUSTER === '1' || !existsSync(file)) {
    throw new Error(`no local cluster info at ${file}: run with the cluster; SKIP_CLUSTER was set?`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as TestInfo;
}

function addresses(record: ClusterRecord): PlainCluster {
  const ports = record.nodes.map((n) => n.port);
  return { nodes: ports.map((port) => ({ host: HOST, port })), ports };
}

function tlsView(record: ClusterRecord): TlsCluster {
  const { caFile, password, aclUser, aclPassword } = record;
  if (!record.tls || !caFile || !password || !aclUser || !aclPassword) {
    throw new Error(`cluster '${record.name}' was not started with --tls`);
  }
  return { ...addresses(record), ca: readFileSync(caFile), caFile, password, aclUser, aclPassword };
}

export function plainCluster(): PlainCluster {
  return addresses(readTestInfo().plain);
}

export function tlsCluster(): TlsCluster {
  return tlsView(readTestInfo().tls);
}

/** A port of a plain cluster, or a port plus TLS/credentials: `{ ...tlsCluster(), port }` fits. */
export type CliTarget = number | { port: number; caFile?: string; user?: string; password?: string };

/** redis-cli against one node: its raw output, trailing newlines removed; an error reply rejects. */
export function redisCli(target: CliTarget, ...args: string[]): Promise<string> {
  const t = typeof target === 'number' ? { port: target } : target;
  // -e: an error reply exits non-zero instead of printing like any other string.
  const argv = ['-e', '-h', HOST, '-p', String(t.port)];
  if (t.caFile) argv.push('--tls', '--cacert', t.caFile);
  if (t.user) argv.push('--user', t.user);
  // Through the environment, the password stays out of argv and redis-cli prints no warning.
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.REDISCLI_AUTH;
  if (t.password) env.REDISCLI_AUTH = t.password;
  return new Promise((resolve, reject) => {
    execFile('redis-cli', [...argv, ...args], { env, timeout: CLI_TIMEOUT_MS }, (err, stdout, stderr) => {
      if (err) {
        const why = stderr.trim() || stdout.trim() || err.message;
        reject(new Error(`redis-cli -p ${t.port} ${args.join(' ')}: ${why}`, { cause: err }));
      } else {
        resolve(stdout.trimEnd());
      }
    });
  });
}

export class ClusterScriptError extends Error {
  override readonly name = 'ClusterScriptError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runScript(args: string[]): Promise<ScriptResult> {
  const env = { ...process.env, CLUSTER_OWNER_PID: process.env[OWNER_ENV] ?? String(process.pid) };
  return new Promise((resolve) => {
    execFile('bash', [SCRIPT, ...args], { env, timeout: SCRIPT_TIMEOUT_MS }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A random base port whose node ports and bus ports are all free. Node ports come from
 * 10000..22700 so bus ports (port + 10000) stay below Linux's ephemeral range (32768+), where an
 * outgoing connection could hold one.
 */
async function pickBasePort(count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 10_000 + Math.floor(Math.random() * (12_700 - count));
    const ports = Array.from({ length: count }, (_, i) => base + i);
    const free = await Promise.all(ports.flatMap((p) => [portFree(p), portFree(p + BUS_OFFSET)]));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free port range found for a local cluster');
}

/** cluster-preferred-endpoint-type of a `--hostnames` cluster. */
export type EndpointType = 'hostname' | 'ip' | 'unknown-endpoint';

export interface StartOptions {
  masters?: number;
  replicas?: number;
  tls?: boolean;
  /**
   * Announce host names `node-<port>.<domain>` (implies TLS; each node's certificate names only its
   * own host name). The names resolve nowhere: connect with `lookup: lookupTo127(domain)`.
   */
  hostnames?: { domain: string; endpointType?: EndpointType };
  /** cluster-node-timeout in ms; scripts/cluster.sh defaults to 2000. */
  nodeTimeout?: number;
}

export function readRecord(name: string): ClusterRecord {
  return JSON.parse(readFileSync(path.join(STATE_ROOT, name, 'cluster.json'), 'utf8')) as ClusterRecord;
}

/** Starts a cluster on free ports, retrying elsewhere when another process grabs one first. */
export async function startCluster(name: string, opts: StartOptions = {}): Promise<ClusterRecord> {
  const count = (opts.masters ?? 3) * (1 + (opts.replicas ?? 1));
  const extra = [
    ...(opts.masters !== undefined ? ['--masters', String(opts.masters)] : []),
    ...(opts.replicas !== undefined ? ['--replicas', String(opts.replicas)] : []),
    ...(opts.nodeTimeout !== undefined ? ['--node-timeout', String(opts.nodeTimeout)] : []),
    ...(opts.tls ? ['--tls'] : []),
    ...(opts.hostnames ? ['--hostnames', opts.hostnames.domain] : []),
    ...(opts.hostnames?.endpointType ? ['--endpoint-type', opts.hostnames.endpointType] : []),
  ];
  for (let attempt = 1; ; attempt++) {
    const base = await pickBasePort(count);
    const res = await runScript(['start', '--name', name, '--base-port', String(base), ...extra]);
    if (res.code === 0) return readRecord(name);
    if (res.code !== EXIT_PORT_BUSY || attempt >= 5) {
      const why = `scripts/cluster.sh start --name ${name} failed (exit ${res.code}):\n${res.stderr}`;
      throw new ClusterScriptError(why, res.code);
    }
  }
}

/** The announced host name of a `--hostnames` cluster's node. */
export function nodeHostname(domain: string, port: number): string {
  return `node-${port}.${domain}`;
}

/**
 * A `lookup` (dns.lookup's signature) that resolves `node-<port>.<domain>` to 127.0.0.1 and fails
 * every other name with ENOTFOUND, as DNS would; `calls` records each name asked, one per dial.
 */
export function lookupTo127(domain: string): net.LookupFunction & { calls: string[] } {
  const calls: string[] = [];
  const pattern = new RegExp(`^node-\\d+\\.${domain.replace(/[.]/g, '\\.')}$`, 'i');
  const lookup = (hostname: string, options: object, callback: (...args: unknown[]) => void): void => {
    calls.push(hostname);
    const all = (options as { all?: boolean }).all === true;
    process.nextTick(() => {
      if (!pattern.test(hostname)) {
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
      } else if (all) {
        callback(null, [{ address: HOST, family: 4 }]);
      } else {
        callback(null, HOST, 4);
      }
    });
  };
  return Object.assign(lookup as net.LookupFunction, { calls });
}

export async function stopCluster(name: string): Promise<void> {
  const res = await runScript(['stop', '--name', name]);
  if (res.code !== 0) throw new Error(`scripts/cluster.sh stop --name ${name} failed:\n${res.stderr}`);
}

/** Names of recorded clusters, with the PID of the process that started them (null: a human). */
export function recordedClusters(): { name: string; ownerPid: number | null }[] {
  if (!existsSync(STATE_ROOT)) return [];
  return readdirSync(STATE_ROOT, { withFileTypes: true }).flatMap((d) => {
    try {
      return d.isDirectory() ? [{ name: d.name, ownerPid: readRecord(d.name).ownerPid }] : [];
    } catch {
      return []; // not a cluster, or stopped by someone else meanwhile
    }
  });
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, but someone else's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A cluster of a test's own, free to be killed, stopped and resharded. */
export class PrivateCluster implements PlainCluster {
  readonly nodes: NodeAddress[];
  readonly ports: number[];
  /** Present when started with `tls: true`. */
  readonly tls: TlsCluster | undefined;

  constructor(private record: ClusterRecord) {
    ({ nodes: this.nodes, ports: this.ports } = addresses(record));
    this.tls = record.tls ? tlsView(record) : undefined;
  }

  get name(): string {
    return this.record.name;
  }

  /** Current PIDs, in the order of `ports`; restart() and addNode() update them. */
  get pids(): number[] {
    return this.record.nodes.map((n) => n.pid);
  }

  pidOf(port: number): number {
    const node = this.record.nodes.find((n) => n.port === port);
    if (!node) throw new Error(`port ${port} is not part of cluster '${this.name}'`);
    return node.pid;
  }

  /** SIGKILL by default; SIGSTOP/SIGCONT freeze and thaw a node (stop() thaws it first). */
  kill(port: number, signal: NodeJS.Signals = 'SIGKILL'): void {
    process.kill(this.pidOf(port), signal);
  }

  /** Starts a killed node again from its own config; it rejoins (a failed-over master as replica). */
  async restart(port: number): Promise<void> {
    await this.script('restart-node', '--port', String(port));
  }

  /** One more master, without slots, on the next free port; returns that port. */
  async addNode(): Promise<number> {
    const port = Number((await this.script('add-node')).trim());
    this.ports.push(port);
    this.nodes.push({ host: HOST, port });
    return port;
  }

  cli(port: number, ...args: string[]): Promise<string> {
    const tls = this.tls;
    return redisCli(tls ? { port, caFile: tls.caFile, password: tls.password } : port, ...args);
  }

  async stop(): Promise<void> {
    await stopCluster(this.name);
  }

  private async script(...args: string[]): Promise<string> {
    const res = await runScript([args[0], '--name', this.name, ...args.slice(1)]);
    if (res.code !== 0) throw new Error(`scripts/cluster.sh ${args.join(' ')} failed:\n${res.stderr}`);
    this.record = readRecord(this.name);
    return res.stdout;
  }
}

/**
 * Starts a cluster for one spec. The PID suffix keeps concurrent runs apart; the global
 * teardown stops it if the spec forgets to.
 */
export async function startPrivateCluster(name: string, opts: StartOptions = {}): Promise<PrivateCluster> {
  return new PrivateCluster(await startCluster(`priv-${name}-${process.pid}`, opts));
}
