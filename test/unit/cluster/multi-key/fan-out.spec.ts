import type { Done } from '../../../../lib/core/cluster/routing/cluster-command';
import { runOnEveryNode, runSplit } from '../../../../lib/core/cluster/multi-key/fan-out';
import type { Execute } from '../../../../lib/core/cluster/routing/route-request';
import type { SlotGroup } from '../../../../lib/core/cluster/multi-key/multi-key-splitter';
import type { ClusterNode, Shard } from '../../../../lib/core/cluster/topology/topology';
import { Topology } from '../../../../lib/core/cluster/topology/topology';
import { defineCommand } from '../../../../lib/core/commands/command-spec';
import { NO_KEYS, keysAt } from '../../../../lib/core/commands/spec-builders';
import { ReplyError } from '../../../../lib/core/errors/reply-error';
import type { RespArg, RespValue } from '../../../../lib/core/resp/types';

interface Call {
  args: RespArg[];
  slot: number;
  pinned: string | undefined;
  done: Done;
}

/** An execute() that records each part; the test answers them in any order. */
function recorder(): { execute: Execute; calls: Call[] } {
  const calls: Call[] = [];
  const execute: Execute = ({ args, slot, pinned }, done) => {
    calls.push({ args, slot, pinned: pinned && `${pinned.host}:${pinned.port}`, done });
  };
  return { execute, calls };
}

function outcome(): { done: Done; results: Array<[Error | null, RespValue]> } {
  const results: Array<[Error | null, RespValue]> = [];
  return { done: (error, reply) => results.push([error, reply]), results };
}

function node(port: number, role: 'master' | 'replica' = 'master'): ClusterNode {
  return { id: `id-${port}`, host: '127.0.0.1', port, address: `127.0.0.1:${port}`, role, health: 'online' };
}

describe('runSplit (multi-key parts)', () => {
  const MGET = defineCommand({ name: 'MGET', keys: keysAt(1, -1), flags: { readonly: true }, multiKey: 'mget' });
  // Keys a, b, c: a and c share slot 1, b is in slot 2.
  const groups: SlotGroup[] = [
    { slot: 1, args: ['MGET', 'a', 'c'], positions: [0, 2] },
    { slot: 2, args: ['MGET', 'b'], positions: [1] },
  ];

  it('sends every part at once and merges the replies in the caller key order, whatever order they arrive in', () => {
    const { execute, calls } = recorder();
    const { done, results } = outcome();
    runSplit(execute, MGET, 'mget', groups, false, done);
    expect(calls.map((c) => [c.slot, c.args])).toEqual([
      [1, ['MGET', 'a', 'c']],
      [2, ['MGET', 'b']],
    ]);
    calls[1].done(null, ['B']);
    expect(results).toEqual([]);
    calls[0].done(null, ['A', 'C']);
    expect(results).toEqual([[null, ['A', 'B', 'C']]]);
  });

  it('the first failed part fails the whole, once; later answers are ignored', () => {
    const { execute, calls } = recorder();
    const { done, results } = outcome();
    runSplit(execute, MGET, 'mget', groups, false, done);
    const first = new Error('part 2 failed');
    calls[1].done(first, null);
    calls[0].done(new Error('part 1 failed too'), null);
    expect(results).toEqual([[first, null]]);
  });

  it('a reply the merge cannot use fails the command instead of throwing', () => {
    const { execute, calls } = recorder();
    const { done, results } = outcome();
    runSplit(execute, MGET, 'mget', groups, false, done);
    calls[0].done(null, ['A']); // one value for two keys
    calls[1].done(null, ['B']);
    expect(results).toHaveLength(1);
    expect(results[0][0]).toBeInstanceOf(TypeError);
  });

  it('count parts are summed', () => {
    const { execute, calls } = recorder();
    const { done, results } = outcome();
    runSplit(execute, MGET, 'count', groups, false, done);
    calls[0].done(null, 2);
    calls[1].done(null, 1);
    expect(results).toEqual([[null, 3]]);
  });
});

describe('runOnEveryNode', () => {
  const shards: Shard[] = [
    { master: node(7000), replicas: [node(7003, 'replica')], slots: [[0, 8191]] },
    { master: node(7001), replicas: [], slots: [[8192, 16383]] },
  ];
  const topology = new Topology(shards);
  const DBSIZE = defineCommand({ name: 'DBSIZE', keys: NO_KEYS, route: 'allMasters', aggregate: 'sum' });
  const SCRIPT_FLUSH = defineCommand({ name: 'SCRIPT|FLUSH', keys: NO_KEYS, route: 'allNodes', aggregate: 'allSucceeded' });

  it('allMasters: once per master, pinned, replies folded by the aggregate', () => {
    const { execute, calls } = recorder();
    const { done, results } = outcome();
    runOnEveryNode(execute, topology, ['DBSIZE'], DBSIZE, false, done);
    expect(calls.map((c) => [c.pinned, c.slot])).toEqual([
      ['127.0.0.1:7000', -1],
      ['127.0.0.1:7001', -1],
    ]);
    calls[1].done(null, 5);
    calls[0].done(null, 7);
    expect(results).toEqual([[null, 12]]);
  });

  it('allNodes: replicas too', () => {
    const { execute, calls } = recorder();
    const { done, results } = outcome();
    runOnEveryNode(execute, topology, ['SCRIPT', 'FLUSH'], SCRIPT_FLUSH, false, done);
    expect(calls.map((c) => c.pinned)).toEqual(['127.0.0.1:7000', '127.0.0.1:7003', '127.0.0.1:7001']);
    calls.forEach((c) => c.done(null, 'OK'));
    expect(results).toEqual([[null, 'OK']]);
  });

  it('the first node error wins', () => {
    const { execute, calls } = recorder();
    const { done, results } = outcome();
    runOnEveryNode(execute, topology, ['DBSIZE'], DBSIZE, false, done);
    const error = new ReplyError('ERR', 'busy');
    calls[0].done(error, null);
    calls[1].done(null, 1);
    expect(results).toEqual([[error, null]]);
  });
});
