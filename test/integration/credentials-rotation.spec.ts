/**
 * ACL user rotation under load against the real TLS+ACL cluster: the credentialsProvider switches
 * from user A to user B while 20 workers write and read and two subscriber sockets listen; then A is
 * deleted. Every pool, heartbeat and subscriber socket of the client must end authenticated as B
 * (CLIENT LIST on every node), with no error and no acknowledged write lost.
 */
import { RedisClusterClient } from '../../lib/core/cluster/client/cluster-client';
import type { Credentials } from '../../lib/core/credentials/credentials';
import { CredentialsError } from '../../lib/core/errors/credentials-error';
import { tlsCluster, type TlsCluster } from '../helpers/cluster-env';
import { Load, summarize } from '../helpers/load';
import { clientList, NodeProbes, pollUntil, sleep, uniquePrefix } from '../helpers/node-probe';

const REAUTH_MS = 500;
let c: TlsCluster;
let probes: NodeProbes;
const tag = Math.random().toString(36).slice(2, 8);
const userA = { username: `rot-a-${tag}`, password: `pa-${tag}-${Math.random().toString(36).slice(2)}` };
const userB = { username: `rot-b-${tag}`, password: `pb-${tag}-${Math.random().toString(36).slice(2)}` };
const clientName = `rotation-${tag}`;
const prefix = uniquePrefix('rotation');
let client: RedisClusterClient | undefined;

async function onEveryNode(...args: string[]): Promise<void> {
  await Promise.all(c.ports.map((port) => probes.request(port, ...args)));
}

/** Every connection of this client on every node: name, user, and its subscriptions. */
async function ourConnections(): Promise<Array<Record<string, string>>> {
  const lists = await Promise.all(
    c.ports.map(async (port) => (await clientList(probes.get(port))).map((r): Record<string, string> => ({ ...r, port: String(port) }))),
  );
  return lists.flat().filter((r) => r.name === clientName || r.name === `${clientName}:heartbeat`);
}

beforeAll(async () => {
  c = tlsCluster();
  probes = await NodeProbes.open(c.ports, { ca: c.ca, password: c.password });
  // ACLs are per node, replicas included: each node gets both users.
  for (const user of [userA, userB]) await onEveryNode('ACL', 'SETUSER', user.username, 'on', `>${user.password}`, '~*', '&*', '+@all');
});

afterAll(async () => {
  await client?.close();
  await onEveryNode('ACL', 'DELUSER', userA.username, userB.username).catch(() => undefined);
  await probes?.close();
});

it('ends with every pooled, heartbeat and subscriber socket authenticated as B, 0 errors, 0 lost writes', async () => {
  let current: Credentials = userA;
  let calls = 0;
  const provider = async (): Promise<Credentials> => {
    calls++;
    return { ...current };
  };
  client = new RedisClusterClient({
    nodes: c.nodes,
    tls: { ca: c.ca },
    credentialsProvider: provider,
    reauthInterval: REAUTH_MS,
    clientName,
    minIdleConns: 2,
    heartbeatInterval: 250,
  });
  const errors: Error[] = [];
  client.on('error', (error: Error) => errors.push(error));
  await client.connect();
  expect(await client.call('ACL', 'WHOAMI')).toBe(userA.username);

  const messages: string[] = [];
  const channel = `${prefix}chan`;
  const sharded = `${prefix}shard`;
  await client.subscribe(channel, (message) => messages.push(`c:${message}`));
  await client.ssubscribe(sharded, (message) => messages.push(`s:${message}`));

  const load = new Load(client, { workers: 20, keys: 500, prefix: `${prefix}k` }).start();
  try {
    // Under way as A: every socket of ours says so, subscribers included.
    const asA = await pollUntil(ourConnections, (list) => list.some((r) => Number(r.sub) > 0) && list.some((r) => Number(r.ssub) > 0));
    expect(asA.every((r) => r.user === userA.username)).toBe(true);

    current = userB;
    const switched = await pollUntil(ourConnections, (list) => list.length > 0 && list.every((r) => r.user === userB.username), 10_000);
    expect(switched.filter((r) => r.user !== userB.username)).toEqual([]);

    // A is gone: a socket still authenticated as A would be dropped by the server now.
    await onEveryNode('ACL', 'DELUSER', userA.username);
    const callsAfterDelete = calls;
    // Two more rounds of re-authentication under load, as B only.
    await pollUntil(
      () => calls,
      (n) => n >= callsAfterDelete + 2,
      10 * REAUTH_MS,
    );
    expect(calls).toBeGreaterThanOrEqual(callsAfterDelete + 2);
  } finally {
    await load.stop();
  }
  const report = await load.verify();

  expect(summarize([...report.readErrors, ...report.writeErrors, ...errors])).toBe('');
  expect(report.writes).toBeGreaterThan(100);
  expect(report.lost).toBe(0);

  // The subscriber sockets still deliver, as B.
  await client.call('PUBLISH', channel, 'after');
  await client.call('SPUBLISH', sharded, 'after');
  await pollUntil(
    () => messages.length,
    (n) => n >= 2,
  );
  expect(messages.sort()).toEqual(['c:after', 's:after']);

  const final = await ourConnections();
  expect(final.filter((r) => r.user !== userB.username)).toEqual([]);
  // Every kind of socket is there and counted: a heartbeat and pooled sockets on every node, two subscribers.
  for (const port of c.ports) {
    expect(final.filter((r) => r.port === String(port) && r.name === `${clientName}:heartbeat`)).toHaveLength(1);
    expect(
      final.filter((r) => r.port === String(port) && r.name === clientName && r.sub === '0' && r.ssub === '0').length,
    ).toBeGreaterThanOrEqual(2);
  }
  expect(final.filter((r) => Number(r.sub) > 0)).toHaveLength(1);
  expect(final.filter((r) => Number(r.ssub) > 0)).toHaveLength(1);
  expect(errors).toEqual([]);
});

it('a provider that fails is a CredentialsError from connect(), asked once, not again in the background', async () => {
  const cause = new Error('token service down');
  const provider = jest.fn(() => Promise.reject(cause));
  const failing = new RedisClusterClient({ nodes: c.nodes, tls: { ca: c.ca }, credentialsProvider: provider, reauthInterval: 100 });
  const errors: Error[] = [];
  failing.on('error', (error: Error) => errors.push(error));
  try {
    const error = await failing.connect().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ code: 'ERR_CREDENTIALS', cause });
    // The same provider answers for every seed: no storm over the seeds, nor after.
    expect(provider).toHaveBeenCalledTimes(1);
    await sleep(300);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(errors).toEqual([]);
  } finally {
    await failing.close();
  }
});
