import type { RespArg } from '../resp/types';
import { isBlockingCall, type CommandSpec } from './command-spec';
import { isToken } from './key-positions';

/** Not a blocking call: route it as usual. */
export const NOT_BLOCKING = -1;

/**
 * How long a blocking call may legitimately wait for its reply, in ms (0: forever), or NOT_BLOCKING.
 * B*POP/BLMOVE/BZPOP* take seconds as their last argument, BLMPOP/BZMPOP as their first; XREAD(GROUP) takes `BLOCK ms`; WAIT ms last.
 */
export function blockingTimeoutMs(spec: CommandSpec | undefined, args: readonly RespArg[]): number {
  if (spec === undefined || !isBlockingCall(spec, args)) return NOT_BLOCKING;
  if (spec.blockingOption !== undefined) {
    for (let i = 1; i < args.length - 1; i++) if (isToken(args[i], spec.blockingOption)) return toMs(args[i + 1], 1);
    return NOT_BLOCKING;
  }
  // BLMPOP/BZMPOP put the timeout first (`BLMPOP timeout numkeys key ...`); the rest put it last.
  const at = spec.name === 'BLMPOP' || spec.name === 'BZMPOP' ? 1 : args.length - 1;
  return toMs(args[at], spec.name === 'WAIT' ? 1 : 1000);
}

function toMs(value: RespArg | undefined, scale: number): number {
  const n = Number(typeof value === 'string' || typeof value === 'number' ? value : String(value));
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n * scale) : 0;
}
