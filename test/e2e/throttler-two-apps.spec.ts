/**
 * Issue 13, done-when: two instances of the sample app share the cluster through
 * RedisClusterThrottlerStorage; 200 concurrent requests on the throttled route, split over both,
 * let exactly `limit` through (200) and refuse the rest (429).
 *
 * Nest 11 (CommonJS): both apps in this process. Nest 12: @nestjs/throttler 6 is CommonJS and
 * requires @nestjs/common 12, which is ESM-only; Node allows that (require(esm)), Jest's module
 * loader does not, so the two apps are the built sample app (`node scripts/build.mjs sample`) in two
 * processes, as `npm run sample` runs it.
 */
import 'reflect-metadata';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, plainCluster } from '../helpers/cluster-env';
import { nestMajor } from '../unit/nest/nest-version';

const LIMIT = 37;
const REQUESTS = 200;
const START_TIMEOUT_MS = 60_000;

interface RunningApp {
  url: string;
  close(): Promise<void>;
}

function appEnv(): Record<string, string> {
  return {
    REDIS_CLUSTER_NODES: plainCluster()
      .nodes.map((n) => `${n.host}:${n.port}`)
      .join(','),
    THROTTLE_LIMIT: String(LIMIT),
    THROTTLE_TTL_MS: '60000',
    // Fresh keys per run: a rerun within the window must not inherit this run's hits.
    THROTTLE_PREFIX: `e2e:throttler:${process.pid}:${Date.now()}:`,
  };
}

/** The sample's SampleModule, booted twice in this process (Nest 11, CommonJS). */
async function inProcess(env: Record<string, string>): Promise<RunningApp[]> {
  Object.assign(process.env, env);
  const { Test } = await import('@nestjs/testing');
  const { SampleModule } = await import('../../sample-app/sample.module');
  const apps = [];
  for (let i = 0; i < 2; i++) {
    const moduleRef = await Test.createTestingModule({ imports: [SampleModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    apps.push({ url: (await app.getUrl()).replace('[::1]', '127.0.0.1'), close: () => app.close() });
  }
  return apps;
}

/** The built sample app in two processes (Nest 12, ESM); each reports its URL once listening. */
async function inProcesses(env: Record<string, string>): Promise<RunningApp[]> {
  await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs'), 'sample'], { cwd: REPO_ROOT });
  const main = path.join(REPO_ROOT, 'dist-sample', 'sample-app', 'main.js');
  return Promise.all([0, 1].map(() => startProcess(main, env)));
}

function startProcess(main: string, env: Record<string, string>): Promise<RunningApp> {
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`sample app did not listen within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1].replace('[::1]', '127.0.0.1'), close });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sample app exited (${code}) before listening:\n${output}`));
    });
  });
}

let apps: RunningApp[] = [];

beforeAll(async () => {
  const env = appEnv();
  apps = nestMajor() === 11 ? await inProcess(env) : await inProcesses(env);
}, 2 * START_TIMEOUT_MS);
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  for (const key of Object.keys(appEnv())) delete process.env[key];
});

it(`lets exactly ${LIMIT} of ${REQUESTS} concurrent requests through, split over two apps`, async () => {
  expect(apps).toHaveLength(2);
  const name = `two-apps-${process.pid}`;
  const statuses = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) =>
      fetch(`${apps[i % 2].url}/limited/${name}/incr`, { method: 'POST' }).then(async (res) => {
        await res.arrayBuffer();
        return res.status;
      }),
    ),
  );
  const count = (status: number) => statuses.filter((s) => s === status).length;
  expect({ ok: count(200), throttled: count(429), other: REQUESTS - count(200) - count(429) }).toEqual({
    ok: LIMIT,
    throttled: REQUESTS - LIMIT,
    other: 0,
  });
  // Each app refused some: both enforced the one shared limit (apart, they would let 2 x LIMIT through).
  for (const app of [0, 1]) expect(statuses.filter((s, i) => i % 2 === app && s === 429).length).toBeGreaterThan(0);
}, 60_000);
