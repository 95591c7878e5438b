import type { RespArg } from '../resp/types';
import type { CommandSpec } from './command-spec-types';
import { isToken, keyIndices } from './key-positions';
import { READS, REPEAT_CLASSES, REPEAT_OPTIONS, type RepeatClass, type RepeatOption, type RepeatRule } from './repeat-safety';

/** The verdict for one call, read from the tables in repeat-safety.ts. */

interface Verdict {
  readonly rule: RepeatRule;
  readonly options: readonly RepeatOption[];
}

/** Derived once from the tables: command name -> its class's rule and the options that change it. */
const VERDICTS: ReadonlyMap<string, Verdict> = buildVerdicts();

function buildVerdicts(): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  for (const cls of REPEAT_CLASSES) {
    for (const name of cls.commands) {
      const options = REPEAT_OPTIONS.filter((o) => o.command === name);
      verdicts.set(name, { rule: cls.rule, options });
    }
  }
  return verdicts;
}

/** The class a command belongs to; undefined for one neither listed nor flagged readonly. */
export function repeatClassOf(spec: CommandSpec): RepeatClass | undefined {
  const listed = REPEAT_CLASSES.find((cls) => cls.commands.includes(spec.name));
  return listed ?? (spec.flags.readonly ? REPEAT_CLASSES.find((cls) => cls.title === READS) : undefined);
}

/**
 * Whether this call may be sent again after an unknown outcome. A command the table does not list
 * (a module command learned from COMMAND INFO, an unknown subcommand) is repeated only when the
 * server flags it readonly. Option names are matched only where options stand, so a key named
 * "replace" never makes a RESTORE repeatable.
 */
export function mayRepeat(spec: CommandSpec, args: readonly RespArg[]): boolean {
  const verdict = VERDICTS.get(spec.name);
  if (verdict === undefined) return spec.flags.readonly;
  let rule = verdict.rule;
  for (const option of verdict.options) {
    if (!hasOption(args, option)) continue;
    // An option that makes the call unsafe wins over one that makes it safe, whatever their order.
    if (option.rule === 'never') return false;
    rule = 'always';
  }
  if (rule === 'whenDestinationIsNotASource') return !destinationIsASource(spec, args);
  return rule === 'always';
}

function hasOption(args: readonly RespArg[], option: RepeatOption): boolean {
  const end = args.length - (option.trailing ?? 0);
  for (let i = option.from; i < end; i++) {
    for (const token of option.options) if (isToken(args[i], token)) return true;
  }
  return false;
}

/** The first key is the destination: is it also among the keys after it? */
function destinationIsASource(spec: CommandSpec, args: readonly RespArg[]): boolean {
  const indices = keyIndices(spec, args);
  if (indices.length === 0) return true; // cannot tell: refusing is the safe mistake
  const destination = asBuffer(args[indices[0]]);
  for (let i = 1; i < indices.length; i++) if (destination.equals(asBuffer(args[indices[i]]))) return true;
  return false;
}

function asBuffer(arg: RespArg): Buffer {
  return Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg));
}
