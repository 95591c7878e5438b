/** The shared redirect rule: which address a MOVED/ASK names, and whether the topology vouches for it. */
import type { RouterContext } from '../../../../lib/core/cluster/routing/command-router';
import { Topology } from '../../../../lib/core/cluster/topology/topology';
import { knownTarget, redirectAddress, reloadedTarget } from '../../../../lib/core/cluster/topology/trusted-redirect';
import { AskError } from '../../../../lib/core/errors/ask-error';
import { MovedError } from '../../../../lib/core/errors/moved-error';
import { UntrustedRedirectError } from '../../../../lib/core/errors/untrusted-redirect-error';
import type { NodeAddress } from '../../../../lib/core/options/client-options';

function node(port: number): { id: string; host: string; port: number; address: string; role: 'master'; health: string } {
  return { id: `id-${port}`, host: '127.0.0.1', port, address: `127.0.0.1:${port}`, role: 'master', health: 'online' };
}

function context(
  first: Topology,
  afterReload: Topology = first,
  resolve: (a: NodeAddress) => NodeAddress = (a) => a,
): RouterContext & { reloads: number } {
  let current = first;
  const ctx = {
    reloads: 0,
    topology: () => current,
    reload: async () => {
      ctx.reloads++;
      current = afterReload;
    },
    requestReload: () => undefined,
    watchFailover: () => undefined,
    onTopologyChange: () => undefined,
    poolFor: () => {
      throw new Error('not dialled in these tests');
    },
    knows: () => false,
    resolve,
  };
  return ctx;
}

const one = new Topology([{ master: node(7000), replicas: [], slots: [[0, 16383]] }]);
const two = new Topology([
  { master: node(7000), replicas: [], slots: [[0, 8191]] },
  { master: node(7001), replicas: [], slots: [[8192, 16383]] },
]);

describe('redirectAddress', () => {
  it('is the address named, after addressMap', () => {
    const ctx = context(one, one, (a) => (a.port === 6379 ? { host: '127.0.0.1', port: 7000 } : a));
    expect(redirectAddress(ctx, new MovedError('MOVED 1 public:6379', 1, 'public', 6379), '127.0.0.1:7000')).toBe('127.0.0.1:7000');
  });

  it('an empty host means the host that answered', () => {
    expect(redirectAddress(context(one), new MovedError('MOVED 1 :7001', 1, '', 7001), '127.0.0.1:7000')).toBe('127.0.0.1:7001');
    expect(redirectAddress(context(one), new AskError('ASK 1 :7001', 1, '', 7001), '::1:7000')).toBe('::1:7001');
  });
});

describe('knownTarget / reloadedTarget', () => {
  it('a topology node is known at once, with no reload', () => {
    expect(knownTarget(context(one), '127.0.0.1:7000')).toBe(one.nodes.get('127.0.0.1:7000'));
    expect(knownTarget(context(one), '127.0.0.1:7001')).toBeUndefined();
  });

  it('an unlisted address is followed when the reloaded topology lists it', async () => {
    const ctx = context(one, two);
    expect(await reloadedTarget(ctx, new MovedError('MOVED 9000 127.0.0.1:7001', 9000, '127.0.0.1', 7001), '127.0.0.1:7001')).toBe(
      two.nodes.get('127.0.0.1:7001'),
    );
    expect(ctx.reloads).toBe(1);
  });

  it('an address still unlisted after the reload is a typed error naming slot and address', async () => {
    const ctx = context(one);
    const ask = new AskError('ASK 5 evil:6379', 5, 'evil', 6379);
    const result = await reloadedTarget(ctx, ask, 'evil:6379');
    expect(result).toBeInstanceOf(UntrustedRedirectError);
    expect(result).toMatchObject({ code: 'ERR_UNTRUSTED_REDIRECT', kind: 'ASK', slot: 5, address: 'evil:6379', cause: ask });
    expect(ctx.reloads).toBe(1);
  });
});
