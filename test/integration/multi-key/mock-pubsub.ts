/**
 * Pub/sub for the scripted mock cluster (test/helpers/mock-cluster.ts), as a Redis node answers it
 * per connection: one confirmation frame per name with the connection's running count, a push frame
 * on RESP3 and a plain array on RESP2. Messages are sent with `deliver`.
 */
import { RedisClusterClient } from '../../../lib/core/cluster/client/cluster-client';
import { MockCluster, type MockScript } from '../../helpers/mock-cluster';
import { err, push, type MockNode, type MockReply } from '../../helpers/mock-node';

const CONFIRMS: Record<string, string> = {
  SUBSCRIBE: 'subscribe',
  PSUBSCRIBE: 'psubscribe',
  SSUBSCRIBE: 'ssubscribe',
  UNSUBSCRIBE: 'unsubscribe',
  PUNSUBSCRIBE: 'punsubscribe',
  SUNSUBSCRIBE: 'sunsubscribe',
};

/** Answers (un)subscribe commands, after `edge` (which sees every command first and may answer it itself). */
export function pubsub(edge: MockScript = () => undefined): MockScript {
  const subscribed = new Map<string, Set<string>>();
  return (node, cmd, ctx) => {
    const scripted = edge(node, cmd, ctx);
    const confirm = CONFIRMS[cmd[0]];
    if (scripted !== undefined || confirm === undefined) return scripted;
    const conn = `${node.port}:${ctx.id}`;
    const names = subscribed.get(conn) ?? new Set<string>();
    subscribed.set(conn, names);
    const frames: MockReply[] = [];
    for (const name of cmd.slice(1)) {
      // Patterns, channels and sharded channels are counted together here: enough for these specs.
      if (cmd[0].includes('UNSUB')) names.delete(`${cmd[0]}:${name}`.replace('UN', ''));
      else names.add(`${cmd[0]}:${name}`);
      frames.push(push([confirm, name, names.size]));
    }
    return frames;
  };
}

/** Where `command` (SUBSCRIBE, SSUBSCRIBE...) naming `name` was last received: the node and the connection id. */
export function subscriberOf(m: MockCluster, command: string, name: string): { node: MockNode; conn: number } {
  const logged = m.log.filter((l) => l.cmd[0] === command && l.cmd.includes(name)).at(-1);
  if (logged === undefined) throw new Error(`no ${command} of ${name} received`);
  return { node: logged.node, conn: logged.conn };
}

/** A message frame to `name` on the connection that subscribed it (push on RESP3, array on RESP2). */
export function deliver(m: MockCluster, command: 'SUBSCRIBE' | 'SSUBSCRIBE', name: string, message: string): void {
  const { node, conn } = subscriberOf(m, command, name);
  const kind = command === 'SUBSCRIBE' ? 'message' : 'smessage';
  if (!node.sendTo(conn, push([kind, name, message]))) throw new Error(`the subscriber connection of ${name} is gone`);
}

/** Pub/sub on nodes without HELLO (Redis < 6, some proxies): the subscriber socket stays on RESP2. */
export function pubsubWithoutHello(): MockScript {
  return pubsub((_node, cmd) =>
    cmd[0] === 'HELLO' ? err(`ERR unknown command 'HELLO', with args beginning with: '${cmd[1]}' `) : undefined,
  );
}

/** A mock cluster on pubsubWithoutHello and a connected client on it, whose 'error' events are collected. */
export async function clientOnPubsubWithoutHello(): Promise<{ m: MockCluster; client: RedisClusterClient; errors: Error[] }> {
  const m = await MockCluster.start();
  m.script = pubsubWithoutHello();
  const client = new RedisClusterClient({ nodes: m.seeds, topologyRefreshInterval: 0 });
  const errors: Error[] = [];
  client.on('error', (error: Error) => errors.push(error));
  await client.connect();
  return { m, client, errors };
}
