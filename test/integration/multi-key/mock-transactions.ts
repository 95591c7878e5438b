/**
 * MULTI ... EXEC for the scripted mock cluster (test/helpers/mock-cluster.ts), as a Redis node runs
 * it per connection, so transaction specs can script a redirect in the middle of one.
 */
import { hashSlot } from '../../../lib/core/slots/hash-slot';
import type { MockCluster, MockScript } from '../../helpers/mock-cluster';
import { arr, bulk, err, int, ok, simple, type MockNode, type MockReply } from '../../helpers/mock-node';

/** A key whose slot the mock gives to `node`. */
export function keyOn(m: MockCluster, node: MockNode, name: string): string {
  for (let i = 0; ; i++) {
    const key = `{${name}${i}}:k`;
    if (m.ownerOf(hashSlot(key)) === node) return key;
  }
}

/**
 * MULTI / queued commands / EXEC as a Redis node runs them, per connection, over the mock's string
 * store. `redirect` may refuse a queued command (MOVED/ASK), which aborts the transaction at EXEC;
 * `asking` tells it whether ASKING came right before this connection's MULTI.
 */
export function transactions(
  m: MockCluster,
  redirect: (node: MockNode, cmd: string[], asking: boolean) => MockReply | undefined,
): MockScript {
  const open = new Map<string, { queued: string[][]; aborted: boolean; asking: boolean }>();
  const askingConns = new Set<string>();
  return (node, cmd, ctx) => {
    const conn = `${node.port}:${ctx.id}`;
    const asking = askingConns.delete(conn);
    if (cmd[0] === 'ASKING') {
      askingConns.add(conn);
      return ok();
    }
    const tx = open.get(conn);
    if (cmd[0] === 'MULTI') {
      open.set(conn, { queued: [], aborted: false, asking });
      return ok();
    }
    if (tx === undefined) return undefined;
    if (cmd[0] === 'EXEC') {
      open.delete(conn);
      if (tx.aborted) return err('EXECABORT Transaction discarded because of previous errors.');
      return arr(tx.queued.map((c) => apply(m.store(node), c)));
    }
    const refused = redirect(node, cmd, tx.asking);
    if (refused !== undefined) {
      tx.aborted = true;
      return refused;
    }
    tx.queued.push(cmd);
    return simple('QUEUED');
  };
}

function apply(store: Map<string, string>, [name, key, value]: string[]): MockReply {
  switch (name) {
    case 'SET':
      store.set(key, value);
      return ok();
    case 'GET':
      return bulk(store.get(key) ?? null);
    case 'INCR': {
      const next = Number(store.get(key) ?? '0') + 1;
      store.set(key, String(next));
      return int(next);
    }
    default:
      return err(`ERR unknown command '${name}'`);
  }
}
