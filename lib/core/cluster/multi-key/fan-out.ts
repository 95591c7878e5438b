import type { CommandSpec, MultiKeyKind } from '../../commands/command-spec';
import type { RespArg, RespValue } from '../../resp/types';
import type { Done } from '../routing/cluster-command';
import type { Execute } from '../routing/route-request';
import { mergeMultiKey, type SlotGroup } from './multi-key-splitter';
import { aggregateReplies } from './reply-aggregate';
import type { Topology } from '../topology/topology';

/**
 * The parts of a split command, all sent in the same tick so each node gets its parts in one write;
 * merged in the caller's order once all have answered. The first failed part fails the whole.
 */
export function runSplit(execute: Execute, spec: CommandSpec, kind: MultiKeyKind, groups: SlotGroup[], buffers: boolean, done: Done): void {
  const part = gather(groups.length, done, (replies) => mergeMultiKey(kind, groups, replies));
  groups.forEach((group, i) => execute({ args: group.args as RespArg[], spec, slot: group.slot, buffers }, part(i)));
}

/** FLUSHALL, DBSIZE, SCRIPT LOAD ...: once per master (or every node), folded by the spec's aggregate. */
export function runOnEveryNode(
  execute: Execute,
  topology: Topology,
  args: RespArg[],
  spec: CommandSpec,
  buffers: boolean,
  done: Done,
): void {
  const nodes = topology.shards.flatMap((s) => (spec.route === 'allNodes' ? [s.master, ...s.replicas] : [s.master]));
  const part = gather(nodes.length, done, (replies) => aggregateReplies(spec.aggregate, replies));
  nodes.forEach((node, i) => execute({ args, spec, slot: -1, buffers, pinned: node }, part(i)));
}

function gather(count: number, done: Done, merge: (replies: RespValue[]) => RespValue): (index: number) => Done {
  const replies: RespValue[] = new Array(count);
  let remaining = count;
  let failed = false;
  return (index) => (error, reply) => {
    if (failed) return;
    if (error !== null) {
      failed = true;
      return done(error, null);
    }
    replies[index] = reply;
    if (--remaining > 0) return;
    try {
      done(null, merge(replies));
    } catch (mergeError) {
      done(mergeError as Error, null);
    }
  };
}

export type { Execute } from '../routing/route-request';
