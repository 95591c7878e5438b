/**
 * Cluster-wide server commands and script/function management, on a private cluster: FLUSHALL and
 * FUNCTION FLUSH would wipe what other specs keep on the shared one.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { ClientClosedError } from '../../../lib/core/errors/client-closed-error';
import { ReplyError } from '../../../lib/core/errors/reply-error';
import { startPrivateCluster, type PrivateCluster } from '../../helpers/cluster-env';
import { poll } from '../../helpers/poll';

const LIBRARY = [
  '#!lua name=cmdlib',
  "redis.register_function('swap', function(keys, args) local old = redis.call('GET', keys[1]); redis.call('SET', keys[1], args[1]); return old end)",
  "redis.register_function{function_name='peek', callback=function(keys) return redis.call('GET', keys[1]) end, flags={'no-writes'}}",
].join('\n');

let cluster: PrivateCluster;
let client: RedisClusterClient;
/** Reads go to replicas: FCALL_RO and EVALSHA_RO must find the function/script there. */
let reader: RedisClusterClient;

beforeAll(async () => {
  cluster = await startPrivateCluster('commands-server', { masters: 3, replicas: 1 });
  client = new RedisClusterClient({ nodes: cluster.nodes });
  reader = new RedisClusterClient({ nodes: cluster.nodes, readOnly: true });
  await Promise.all([client.connect(), reader.connect()]);
}, 60_000);

afterAll(async () => {
  await client?.close();
  await reader?.close();
  await cluster?.stop();
});

/** One key per master: hash tags whose slots are served by different masters. */
function keysOnEveryMaster(prefix: string): string[] {
  return Array.from({ length: 30 }, (_, i) => `${prefix}:{${i}}`);
}

async function onMasters(...args: string[]): Promise<unknown[]> {
  return Promise.all(client.nodes('master').map((node) => node.call(args[0], ...args.slice(1))));
}

/** How often each replica ran `command`, from INFO commandstats. */
async function replicaCalls(command: string): Promise<number> {
  const stats = await Promise.all(client.nodes('replica').map((node) => node.call('INFO', 'commandstats')));
  return stats.reduce<number>((sum, text) => sum + Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(String(text))?.[1] ?? 0), 0);
}

describe('cluster-wide server commands', () => {
  it('dbsize() sums DBSIZE over the masters', async () => {
    const keys = keysOnEveryMaster('db');
    await client.mset(Object.fromEntries(keys.map((key) => [key, 'v'])));
    const perMaster = (await onMasters('DBSIZE')).map(Number);
    expect(perMaster.filter((n) => n > 0).length).toBe(3);
    await expect(client.dbsize()).resolves.toBe(perMaster.reduce((a, b) => a + b, 0));
    expect(await client.dbsize()).toBeGreaterThanOrEqual(keys.length);
  });

  it('info() answers per node, by address; a section and a role narrow it', async () => {
    const all = await client.info();
    expect(Object.keys(all).sort()).toEqual(
      client
        .nodes('all')
        .map((n) => n.address)
        .sort(),
    );
    for (const text of Object.values(all)) expect(text).toMatch(/redis_version:7\./);
    const masters = await client.info('replication', 'master');
    expect(Object.keys(masters)).toHaveLength(3);
    for (const text of Object.values(masters)) expect(text).toMatch(/role:master/);
    expect(Object.values(await client.info('replication', 'replica')).every((text) => /role:slave/.test(text))).toBe(true);
  });

  it('info() before connect() rejects like any command; during connect() it waits for the topology', async () => {
    const late = new RedisClusterClient({ nodes: cluster.nodes });
    try {
      await expect(late.info()).rejects.toBeInstanceOf(ClientClosedError);
      await expect(late.pubsubNumpat()).rejects.toBeInstanceOf(ClientClosedError);
      const connecting = late.connect();
      const info = late.info('server', 'master');
      await connecting;
      expect(Object.keys(await info)).toHaveLength(3);
    } finally {
      await late.close();
    }
  });

  it('time() and ping()', async () => {
    const { seconds, microseconds } = await client.time();
    expect(Math.abs(seconds - Date.now() / 1000)).toBeLessThan(5);
    expect(microseconds).toBeGreaterThanOrEqual(0);
    expect(microseconds).toBeLessThan(1_000_000);
    await expect(client.ping()).resolves.toBe('PONG');
  });
});

describe('functions: loaded on every master, called by key', () => {
  it('functionLoad loads on every master; again only with REPLACE', async () => {
    await expect(client.functionLoad(LIBRARY)).resolves.toBe('cmdlib');
    for (const list of await onMasters('FUNCTION', 'LIST')) expect(JSON.stringify(list)).toContain('cmdlib');
    const again = await client.functionLoad(LIBRARY).catch((error: Error) => error);
    expect(again).toBeInstanceOf(ReplyError);
    await expect(client.functionLoad(LIBRARY, { REPLACE: true })).resolves.toBe('cmdlib');
  });

  it('fcall runs wherever its key lives; fcallRo runs on replicas with readOnly', async () => {
    const keys = keysOnEveryMaster('fn');
    for (const key of keys) await expect(client.fcall('swap', [key], ['new'])).resolves.toBeNull();
    for (const key of keys) await expect(client.fcall('swap', [key], ['newer'])).resolves.toBe('new');
    const before = await replicaCalls('fcall_ro');
    // Replicas apply the writes asynchronously: every read sees the old value or the new one.
    for (const key of keys) expect(['new', 'newer']).toContain(await reader.fcallRo('peek', [key]));
    expect(await replicaCalls('fcall_ro')).toBeGreaterThanOrEqual(before + keys.length);
    await expect(client.fcallRo<string>('peek', [keys[0]])).resolves.toBe('newer');
    await expect(client.fcallBuffer('peek', [keys[0]])).resolves.toEqual(Buffer.from('newer'));
  });

  it('functionList describes the library (with its code on request)', async () => {
    const [library] = await client.functionList({ LIBRARYNAME: 'cmd*', WITHCODE: true });
    expect(library.libraryName).toBe('cmdlib');
    expect(library.engine).toBe('LUA');
    expect(library.libraryCode).toBe(LIBRARY);
    expect(library.functions.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'peek', description: null, flags: ['no-writes'] },
      { name: 'swap', description: null, flags: [] },
    ]);
    await expect(client.functionList({ LIBRARYNAME: 'nothing-like-it' })).resolves.toEqual([]);
  });

  it('functionDump / functionFlush / functionRestore / functionDelete act on every master', async () => {
    const payload = await client.functionDump();
    expect(Buffer.isBuffer(payload)).toBe(true);
    await expect(client.functionFlush('SYNC')).resolves.toBe('OK');
    for (const list of await onMasters('FUNCTION', 'LIST')) expect(list).toEqual([]);
    await expect(client.functionRestore(payload, 'FLUSH')).resolves.toBe('OK');
    for (const list of await onMasters('FUNCTION', 'LIST')) expect(JSON.stringify(list)).toContain('cmdlib');
    await expect(client.functionDelete('cmdlib')).resolves.toBe('OK');
    for (const list of await onMasters('FUNCTION', 'LIST')) expect(list).toEqual([]);
    await expect(client.functionDelete('cmdlib')).rejects.toBeInstanceOf(ReplyError);
  });
});

describe('scripts: loaded on every node', () => {
  it('scriptLoad reaches replicas too; scriptExists, evalshaRo on a replica, evalRo, scriptFlush', async () => {
    const sha = await client.scriptLoad("return redis.call('GET', KEYS[1])");
    for (const node of client.nodes('all')) await expect(node.call('SCRIPT', 'EXISTS', sha)).resolves.toEqual([1]);
    await expect(client.scriptExists(sha, 'f'.repeat(40))).resolves.toEqual([true, false]);
    await client.set('script:{k}', 'v');
    const before = await replicaCalls('evalsha_ro');
    expect([null, 'v']).toContain(await reader.evalshaRo(sha, ['script:{k}']));
    expect(await replicaCalls('evalsha_ro')).toBe(before + 1);
    await expect(client.evalRo("return redis.call('GET', KEYS[1])", ['script:{k}'])).resolves.toBe('v');
    await expect(client.scriptFlush()).resolves.toBe('OK');
    await expect(client.scriptExists(sha)).resolves.toEqual([false]);
  });
});

describe('killing a busy script or function on whichever master runs it', () => {
  const SPIN = [
    '#!lua name=spinlib',
    "redis.register_function{function_name='spin', callback=function() while true do end end, flags={'no-writes'}}",
  ].join('\n');

  beforeAll(async () => {
    // A script becomes killable once it has run this long (default 5 s).
    await onMasters('CONFIG', 'SET', 'busy-reply-threshold', '100');
  });

  it('scriptKill / functionKill answer NOTBUSY when no master runs one', async () => {
    const error = await client.scriptKill().catch((e: Error) => e);
    expect(error).toBeInstanceOf(ReplyError);
    expect((error as ReplyError).code).toBe('NOTBUSY');
    await expect(client.functionKill()).rejects.toMatchObject({ code: 'NOTBUSY' });
  });

  it('scriptKill / functionKill answer OK when one master runs one, and the busy call fails', async () => {
    // The killer has sockets of its own: a kill pipelined behind the spinning script would wait for it.
    const killer = new RedisClusterClient({ nodes: cluster.nodes });
    await killer.connect();
    try {
      const spinning = client.eval('while true do end', ['spin:{1}']);
      // The kill may reach the master before the script does: NOTBUSY until then.
      await expect(
        poll(
          () => killer.scriptKill().catch((e: Error) => e),
          (r) => r === 'OK',
          5000,
          20,
        ),
      ).resolves.toBe('OK');
      await expect(spinning).rejects.toBeInstanceOf(ReplyError);
      await client.functionLoad(SPIN);
      const fn = client.fcall('spin', ['spin:{2}']);
      await expect(
        poll(
          () => killer.functionKill().catch((e: Error) => e),
          (r) => r === 'OK',
          5000,
          20,
        ),
      ).resolves.toBe('OK');
      await expect(fn).rejects.toBeInstanceOf(ReplyError);
      await client.functionDelete('spinlib');
    } finally {
      await killer.close();
    }
  });
});

describe('pub/sub introspection over every node', () => {
  it('pubsubChannels / pubsubNumsub / pubsubNumpat / pubsubShardchannels / pubsubShardnumsub', async () => {
    const listener = (): void => undefined;
    await client.subscribe('cmd-news', listener);
    await client.psubscribe('cmd-n*', listener);
    await client.ssubscribe('cmd-shard', listener);
    try {
      await expect(client.pubsubChannels('cmd-*')).resolves.toEqual(['cmd-news']);
      await expect(client.pubsubNumsub('cmd-news', 'cmd-none')).resolves.toEqual({ 'cmd-news': 1, 'cmd-none': 0 });
      await expect(client.pubsubNumpat()).resolves.toBe(1);
      await expect(client.pubsubShardchannels()).resolves.toEqual(['cmd-shard']);
      await expect(client.pubsubShardnumsub('cmd-shard')).resolves.toEqual({ 'cmd-shard': 1 });
    } finally {
      await client.unsubscribe('cmd-news');
      await client.punsubscribe('cmd-n*');
      await client.sunsubscribe('cmd-shard');
    }
  });
});

describe('emptying the cluster', () => {
  it('flushall() and flushdb() empty every master', async () => {
    await client.mset(Object.fromEntries(keysOnEveryMaster('flush').map((key) => [key, 'v'])));
    await expect(client.flushall()).resolves.toBe('OK');
    expect((await onMasters('DBSIZE')).map(Number)).toEqual([0, 0, 0]);
    await expect(client.dbsize()).resolves.toBe(0);
    await client.mset(Object.fromEntries(keysOnEveryMaster('flush').map((key) => [key, 'v'])));
    await expect(client.flushdb('ASYNC')).resolves.toBe('OK');
    await expect(client.dbsize()).resolves.toBe(0);
  });
});
