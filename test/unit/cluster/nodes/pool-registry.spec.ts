/** Which addresses get a pool: topology members and seeds only; after seal(), none. No socket is opened here. */
import { nodeConnectionConfig } from '../../../../lib/core/cluster/nodes/node-connection-config';
import { PoolRegistry } from '../../../../lib/core/cluster/nodes/pool-registry';
import { ClientClosedError } from '../../../../lib/core/errors/client-closed-error';
import { ConnectionError } from '../../../../lib/core/errors/connection-error';
import { UnknownNodeError } from '../../../../lib/core/errors/unknown-node-error';
import { resolveOptions } from '../../../../lib/core/options/resolve-options';
import { commandPromise } from '../../../../lib/core/connection/command';

const options = resolveOptions({ nodes: [{ host: '127.0.0.1', port: 1 }] });

function registry(members: string[] | undefined): PoolRegistry {
  const map = members && new Map(members.map((m) => [m, true]));
  return new PoolRegistry(
    options,
    () => map,
    (address) => nodeConnectionConfig(options, address),
  );
}

let open: PoolRegistry[] = [];
afterEach(async () => {
  await Promise.all(open.map((r) => r.closeAll(0)));
  open = [];
});

describe('PoolRegistry', () => {
  it('serves seeds and topology members, one pool per address', () => {
    const r = registry(['127.0.0.1:2']);
    open.push(r);
    expect(r.knows({ host: '127.0.0.1', port: 1 })).toBe(true);
    expect(r.knows({ host: '127.0.0.1', port: 2 })).toBe(true);
    const pool = r.poolFor({ host: '127.0.0.1', port: 2 });
    expect(r.poolFor({ host: '127.0.0.1', port: 2, address: '127.0.0.1:2' })).toBe(pool);
    expect([...r.all().keys()]).toEqual(['127.0.0.1:2']);
  });

  it('refuses an address the cluster did not announce, before any dial', () => {
    const r = registry(['127.0.0.1:2']);
    expect(r.knows({ host: '127.6.6.6', port: 6379 })).toBe(false);
    expect(() => r.poolFor({ host: '127.6.6.6', port: 6379 })).toThrow(UnknownNodeError);
    expect(r.all().size).toBe(0);
  });

  it('closes the pools of addresses that left, failing their queued commands as never written', async () => {
    const r = registry(['127.0.0.1:2', '127.0.0.1:3']);
    open.push(r);
    const leaving = r.poolFor({ host: '127.0.0.1', port: 3 });
    r.poolFor({ host: '127.0.0.1', port: 2 });
    const { command, reply } = commandPromise(['GET', 'k']);
    leaving.send(command);
    r.closeOutside(new Map([['127.0.0.1:2', true]]));
    expect([...r.all().keys()]).toEqual(['127.0.0.1:2']);
    const error = await reply.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).written).toBe(false);
  });

  it('after seal(), hands out only pools that fail with ClientClosedError', async () => {
    const r = registry(['127.0.0.1:2']);
    r.seal();
    const pool = r.poolFor({ host: '127.0.0.1', port: 2 });
    expect(r.all().size).toBe(0);
    const { command, reply } = commandPromise(['GET', 'k']);
    pool.send(command);
    await expect(reply).rejects.toBeInstanceOf(ClientClosedError);
  });
});
