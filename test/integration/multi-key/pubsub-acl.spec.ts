/**
 * Against the shared TLS + ACL cluster: an ACL user without permission for a channel gets NOPERM
 * from SUBSCRIBE / SSUBSCRIBE. subscribe() rejects with that ReplyError, the client's `error` event
 * reports it, and nothing is recorded: once the permission is granted, the next subscribe() really
 * subscribes (the server counts one subscriber) and messages arrive.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { ReplyError } from '../../../lib/core/errors/reply-error';
import { tlsCluster, type TlsCluster } from '../../helpers/cluster-env';
import { pollUntil, uniquePrefix } from '../../helpers/node-probe';
import { rejection } from '../../helpers/rejection';

let c: TlsCluster;
let admin: RedisClusterClient;
const prefix = uniquePrefix('ps-acl');
const user = `${prefix}-user`.replace(/[^\w-]/g, '');
const secret = `pw-${Math.random().toString(36).slice(2)}`;

/** ACL rules are per node: every node of the cluster gets the same command. */
async function onEveryNode(command: string, ...args: string[]): Promise<void> {
  await Promise.all(admin.nodes('all').map((node) => node.call(command, ...args)));
}

/** The sum over every node of PUBSUB NUMSUB (or SHARDNUMSUB) for `channel`. */
async function subscribers(subcommand: 'NUMSUB' | 'SHARDNUMSUB', channel: string): Promise<number> {
  const replies = await Promise.all(admin.nodes('all').map((node) => node.call('PUBSUB', subcommand, channel)));
  return replies.reduce<number>((sum, reply) => sum + Number((reply as unknown[])[1]), 0);
}

beforeAll(async () => {
  c = tlsCluster();
  admin = new RedisClusterClient({ nodes: c.nodes, tls: { ca: c.ca }, password: c.password });
  await admin.connect();
  // Every key and command, no channel at all.
  await onEveryNode('ACL', 'SETUSER', user, 'reset', 'on', `>${secret}`, '~*', 'resetchannels', '+@all');
});

afterAll(async () => {
  await onEveryNode('ACL', 'DELUSER', user).catch(() => undefined);
  await admin?.close();
});

it('NOPERM rejects subscribe() and ssubscribe() and is reported; after a grant both subscribe for real', async () => {
  const sub = new RedisClusterClient({ nodes: c.nodes, tls: { ca: c.ca }, username: user, password: secret });
  const errors: Error[] = [];
  sub.on('error', (e: Error) => errors.push(e));
  await sub.connect();
  try {
    const channel = `${prefix}:news`;
    const sharded = `${prefix}:{orders}`;
    const heard: string[] = [];
    const listener = (message: string, ch: string): void => void heard.push(`${ch}=${message}`);

    const refused = await rejection(sub.subscribe(channel, listener));
    expect(refused).toBeInstanceOf(ReplyError);
    expect((refused as ReplyError).code).toBe('NOPERM');
    const refusedSharded = await rejection(sub.ssubscribe(sharded, listener));
    expect((refusedSharded as ReplyError).code).toBe('NOPERM');
    expect(errors).toEqual(expect.arrayContaining([refused, refusedSharded]));
    expect(await subscribers('NUMSUB', channel)).toBe(0);

    await onEveryNode('ACL', 'SETUSER', user, `&${prefix}:*`);
    await sub.subscribe(channel, listener);
    await sub.ssubscribe(sharded, listener);
    expect(await subscribers('NUMSUB', channel)).toBe(1);
    expect(await subscribers('SHARDNUMSUB', sharded)).toBe(1);
    await admin.publish(channel, 'granted');
    expect(await admin.spublish(sharded, 'granted too')).toBe(1);
    await pollUntil(
      () => heard.length,
      (n) => n === 2,
      3000,
    );
    expect(heard.sort()).toEqual([`${channel}=granted`, `${sharded}=granted too`].sort());
  } finally {
    await sub.close();
  }
});
