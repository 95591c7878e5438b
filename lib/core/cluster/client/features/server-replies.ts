import { asArray, pairsOf, text } from '../../../commands/methods/collection-replies';
import { toNumber, toRecordOf } from '../../../commands/methods/reply-transforms';
import type { RespValue } from '../../../resp/types';

/** Reply shapes of the client-only server commands, RESP2 and RESP3 alike. */

export interface ServerTime {
  /** Unix time in seconds, and the microseconds into that second. */
  seconds: number;
  microseconds: number;
}

export interface FunctionLibrary {
  libraryName: string;
  engine: string;
  functions: { name: string; description: string | null; flags: string[] }[];
  /** Only with WITHCODE. */
  libraryCode?: string;
}

export function toTime(reply: RespValue): ServerTime {
  const [seconds, microseconds] = asArray(reply);
  return { seconds: toNumber(seconds), microseconds: toNumber(microseconds) };
}

export function toInfoByNode(nodes: readonly { address: string }[], replies: readonly RespValue[]): Record<string, string> {
  const out: Record<string, string> = {};
  nodes.forEach((node, i) => (out[node.address] = text(replies[i])));
  return out;
}

export function toFunctionLibraries(reply: RespValue): FunctionLibrary[] {
  return asArray(reply).map((item) => {
    const lib = toRecordOf(item, (v) => v);
    const functions = asArray(lib.functions ?? []).map((f) => {
      const fn = toRecordOf(f, (v) => v);
      return {
        name: text(fn.name),
        description: fn.description == null ? null : text(fn.description),
        flags: asArray(fn.flags ?? []).map(text),
      };
    });
    const out: FunctionLibrary = { libraryName: text(lib.library_name), engine: text(lib.engine), functions };
    if (lib.library_code !== undefined) out.libraryCode = text(lib.library_code);
    return out;
  });
}

/** PUBSUB NUMSUB/SHARDNUMSUB: RESP2 [channel, n, ...] or a RESP3 map. */
export function toChannelCounts(reply: RespValue): [string, number][] {
  return pairsOf(reply).map(([channel, n]) => [text(channel), toNumber(n)]);
}
