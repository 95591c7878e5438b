import { TopologyLoader, type TopologySource } from '../../../../lib/core/cluster/topology/topology-loader';
import { AuthError } from '../../../../lib/core/errors/auth-error';
import { ClusterConnectError } from '../../../../lib/core/errors/cluster-connect-error';
import { ConnectionError } from '../../../../lib/core/errors/connection-error';
import { parseReplyError } from '../../../../lib/core/errors/parse-reply-error';
import { TlsError } from '../../../../lib/core/errors/tls-error';
import type { NodeAddress } from '../../../../lib/core/options/client-options';
import type { RespArg, RespValue } from '../../../../lib/core/resp/types';
import { rejection } from '../../../helpers/rejection';

/** CLUSTER SHARDS (RESP3) for one master serving every slot; host '' stands for "?". */
function shardsReply(host: string, port: number): RespValue {
  return [{ slots: [0, 16383], nodes: [{ id: 'm', port, ip: host, endpoint: host, role: 'master', health: 'online' }] }];
}

type Answer = RespValue | Error | (() => Promise<RespValue>);

/** A source whose nodes answer per `host:port` and per command (`SHARDS` / `SLOTS`). */
function source(
  candidates: NodeAddress[],
  answers: Record<string, Partial<Record<'SHARDS' | 'SLOTS', Answer>>>,
): TopologySource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    candidates: () => candidates,
    resolve: (a) => a,
    tls: false,
    request: (address: NodeAddress, args: RespArg[]) => {
      const key = `${address.host}:${address.port}`;
      const sub = String(args[1]) as 'SHARDS' | 'SLOTS';
      asked.push(`${key} ${sub}`);
      const answer = answers[key]?.[sub] ?? new ConnectionError(`connect ECONNREFUSED ${key}`, key, false);
      if (typeof answer === 'function') return answer();
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

const A = { host: '127.0.0.1', port: 7000 };
const B = { host: '127.0.0.1', port: 7001 };

describe('TopologyLoader', () => {
  it('asks the candidates in order and takes the first that answers', async () => {
    const src = source([A, B], { '127.0.0.1:7001': { SHARDS: shardsReply('127.0.0.1', 7001) } });
    const topology = await new TopologyLoader(src).load();
    expect(topology.shardOf(0)?.master.address).toBe('127.0.0.1:7001');
    expect(src.asked).toEqual(['127.0.0.1:7000 SHARDS', '127.0.0.1:7001 SHARDS']);
  });

  it('fills an empty (unknown-endpoint) host with the host the node was reached on; "?" is never filled', async () => {
    const src = source([{ host: '127.1.2.3', port: 7000 }], { '127.1.2.3:7000': { SHARDS: shardsReply('', 7005) } });
    expect((await new TopologyLoader(src).load()).shardOf(0)?.master.address).toBe('127.1.2.3:7005');
    const unknown = source([{ host: '127.1.2.3', port: 7000 }], { '127.1.2.3:7000': { SHARDS: shardsReply('?', 7005) } });
    expect(await rejection(new TopologyLoader(unknown).load())).toBeInstanceOf(ClusterConnectError);
  });

  it('reports a node announced without endpoint once while it stays so, and again once it comes back after a fix', async () => {
    const withGhost = (): RespValue => [
      { slots: [0, 16383], nodes: [{ id: 'm', port: 7000, ip: '127.0.0.1', endpoint: '127.0.0.1', role: 'master', health: 'online' }] },
      { slots: [], nodes: [{ id: 'ghost', port: 7009, ip: '?', endpoint: '?', role: 'master', health: 'online' }] },
    ];
    let answer = withGhost();
    const src = source([A], { '127.0.0.1:7000': { SHARDS: () => Promise.resolve(answer) } });
    const reported: string[] = [];
    src.skipped = (error) => reported.push(error.nodeId);
    const loader = new TopologyLoader(src);
    for (let i = 0; i < 5; i++) await loader.load();
    expect(reported).toEqual(['ghost']);
    answer = shardsReply('127.0.0.1', 7000);
    await loader.load();
    answer = withGhost();
    await loader.load();
    expect(reported).toEqual(['ghost', 'ghost']);
  });

  it('falls back to CLUSTER SLOTS on a server without CLUSTER SHARDS, and remembers it', async () => {
    const src = source([A], {
      '127.0.0.1:7000': { SHARDS: parseReplyError("ERR unknown subcommand 'SHARDS'"), SLOTS: [[0, 16383, ['127.0.0.1', 7000, 'm']]] },
    });
    const loader = new TopologyLoader(src);
    expect((await loader.load()).shardOf(16383)?.master.port).toBe(7000);
    await loader.load();
    expect(src.asked).toEqual(['127.0.0.1:7000 SHARDS', '127.0.0.1:7000 SLOTS', '127.0.0.1:7000 SLOTS']);
  });

  it('a node that serves no slot is skipped for the next candidate', async () => {
    const src = source([A, B], { '127.0.0.1:7000': { SHARDS: [] }, '127.0.0.1:7001': { SHARDS: shardsReply('127.0.0.1', 7001) } });
    expect((await new TopologyLoader(src).load()).shardOf(1)?.master.port).toBe(7001);
  });

  it('fails with ClusterConnectError naming every address tried and each cause', async () => {
    const src = source([A, B], { '127.0.0.1:7001': { SHARDS: [] } });
    const error = (await rejection(new TopologyLoader(src).load())) as ClusterConnectError;
    expect(error).toBeInstanceOf(ClusterConnectError);
    expect(error.addresses).toEqual(['127.0.0.1:7000', '127.0.0.1:7001']);
    expect(error.causes.map((c) => c.constructor.name)).toEqual(['ConnectionError', 'ReplyError']);
  });

  it.each([
    ['AuthError', new AuthError('authentication to 127.0.0.1:7000 failed', '127.0.0.1:7000')],
    ['TlsError', new TlsError('certificate rejected', '127.0.0.1:7000')],
  ])('stops at the first %s rather than try every node with the same credentials', async (_, refused) => {
    const src = source([A, B], { '127.0.0.1:7000': { SHARDS: refused }, '127.0.0.1:7001': { SHARDS: shardsReply('127.0.0.1', 7001) } });
    expect(await rejection(new TopologyLoader(src).load())).toBe(refused);
    expect(src.asked).toEqual(['127.0.0.1:7000 SHARDS']);
  });

  it('single-flight: concurrent loads share one fetch; the next load fetches afresh', async () => {
    let release: (value: RespValue) => void = () => undefined;
    const slow = (): Promise<RespValue> => new Promise((resolve) => (release = resolve));
    const src = source([A], { '127.0.0.1:7000': { SHARDS: slow } });
    const loader = new TopologyLoader(src);
    const first = loader.load();
    const second = loader.load();
    expect(second).toBe(first);
    release(shardsReply('127.0.0.1', 7000));
    await first;
    void loader.load();
    expect(src.asked).toHaveLength(2);
  });
});
