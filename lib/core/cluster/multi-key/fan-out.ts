import type { CommandSpec, MultiKeyKind } from '../../commands/command-spec';
import type { NodeAddress } from '../../options/client-options';
import type { RespArg, RespValue } from '../../resp/types';
import type { Done } from '../routing/cluster-command';
import { mergeMultiKey, type SlotGroup } from './multi-key-splitter';
import { aggregateReplies } from './reply-aggregate';
import type { Topology } from '../topology/topology';

/** Runs one routed command; the client's execute(). */
export type Execute = (
  args: RespArg[],
  spec: CommandSpec | undefined,
  slot: number,
  buffers: boolean,
  done: Done,
  pinned?: NodeAddress,
  /** Never a replica, whatever the read policy (SCAN cursors belong to one node). */
  masterOnly?: boolean,
) => void;

/**
 * The parts of a split command, all sent in the same tick so each node gets its parts in one write;
 * merged in the caller's order once all have answered. The first failed part fails the whole.
 */
export function runSplit(execute: Execute, spec: CommandSpec, kind: MultiKeyKind, groups: SlotGroup[], buffers: boolean, done: Done): void {
  const part = gather(groups.length, done, (replies) => mergeMultiKey(kind, groups, replies));
  groups.forEach((group, i) => execute(group.args as RespArg[], spec, group.slot, buffers, part(i)));
}

/** FLUSHALL, DBSIZE, SCRIPT LOAD ...: once per master (or every node), folded by the spec's aggregate. */
export function runOnEveryNode(execute: Execute, topology: Topology, args: RespArg[], spec: CommandSpec, buffers: boolean, done: Done): void {
  const nodes = topology.shards.flatMap((s) => (spec.route === 'allNodes' ? [s.master, ...s.replicas] : [s.master]));
  const part = gather(nodes.length, done, (replies) => aggregateReplies(spec.aggregate, replies));
  nodes.forEach((node, i) => execute(args, spec, -1, buffers, part(i), node));
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
