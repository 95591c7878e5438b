import type { RespArg } from '../resp/types';
import { connectionStateRefusal } from './connection-state-commands';
import { isToken } from './key-positions';
import { mayRepeat } from './repeat-verdict';
import type { CommandFlags, CommandSpec, CommandSpecInput, KeyLocator } from './command-spec-types';

export type {
  BeginSearch,
  FindKeys,
  KeySpec,
  KeyLocator,
  CommandRoute,
  ReplyAggregate,
  MultiKeyKind,
  CommandFlags,
  CommandSpec,
  CommandSpecInput,
} from './command-spec-types';

const NO_FLAGS: CommandFlags = {
  readonly: false,
  write: false,
  blocking: false,
  pubsub: false,
  noScript: false,
  admin: false,
  transaction: false,
};

/** The one place a spec is completed: default flags, default route, the single-key shortcut. */
export function defineCommand(input: CommandSpecInput): CommandSpec {
  const keys = input.keys;
  return Object.freeze({
    ...input,
    name: input.name.toUpperCase(),
    flags: Object.freeze({ ...NO_FLAGS, ...input.flags }),
    route: input.route ?? (keys.length > 0 ? 'key' : 'any'),
    singleKeyAt: fixedSingleKey(keys),
    // From the one table, so built-in and learned specs (COMMAND INFO) are refused alike.
    useInstead: input.useInstead ?? connectionStateRefusal(input.name),
  });
}

function fixedSingleKey(keys: KeyLocator): number {
  if (keys.length !== 1) return 0;
  const { begin, find } = keys[0];
  return begin.type === 'index' && find.type === 'range' && find.lastKey === 0 ? begin.index : 0;
}

/**
 * Whether a repeat can change neither the data nor the reply, as the table in repeat-safety.ts
 * says. Consulted only after the outcome became unknown, never on the hot path.
 */
export function isSafeToRepeat(spec: CommandSpec, args: readonly RespArg[]): boolean {
  return mayRepeat(spec, args);
}

/** Whether this call can block the connection: always for BLPOP & co, only with BLOCK for XREAD. */
export function isBlockingCall(spec: CommandSpec, args: readonly RespArg[]): boolean {
  if (!spec.flags.blocking) return false;
  return spec.blockingOption === undefined || hasToken(args, spec.blockingOption);
}

function hasToken(args: readonly RespArg[], token: string): boolean {
  for (let i = 1; i < args.length; i++) if (isToken(args[i], token)) return true;
  return false;
}

/**
 * True when the key layout is one the multi-key splitter can cut into per-slot commands: a single
 * spec at a fixed index whose keys (with their step-1 companions) run to the end, or are counted.
 */
export function isSplittableLayout(keys: KeyLocator): boolean {
  if (keys.length !== 1 || keys[0].begin.type !== 'index') return false;
  const find = keys[0].find;
  return find.type === 'keynum' || (find.lastKey === -1 && find.limit <= 1);
}
