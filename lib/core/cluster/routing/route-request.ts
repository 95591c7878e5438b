import type { CommandSpec } from '../../commands/command-spec';
import type { NodeAddress } from '../../options/client-options';
import type { RespArg } from '../../resp/types';
import type { Done } from './cluster-command';

/** One command to route, as fan-outs, splits and the client's features ask for it. */
export interface RouteRequest {
  args: RespArg[];
  spec: CommandSpec | undefined;
  /** Hash slot to route by; -1: no key, any master. */
  slot: number;
  /** Decode bulk strings of the reply as Buffers. */
  buffers: boolean;
  /** Runs on this node only; a MOVED/ASK goes back to the caller (nodes() handles, fan-out parts). */
  pinned?: NodeAddress;
  /** Never a replica, whatever the read policy (SCAN cursors belong to one node). */
  masterOnly?: boolean;
}

/** Runs one routed command and calls `done` once with its outcome; never throws. */
export type Execute = (request: RouteRequest, done: Done) => void;
