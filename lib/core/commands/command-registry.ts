import type { RespArg } from '../resp/types';
import { BUILTIN_COMMANDS } from './builtin-commands';
import { defineCommand, type CommandSpec } from './command-spec';

/**
 * Command name -> spec, one per client (never shared: learned module commands are per cluster).
 * Names are stored under their upper- and lower-case spellings so the common lookups are a single
 * Map hit with no string allocation; only mixed case ("Get") pays for toUpperCase.
 */
export class CommandRegistry {
  private readonly specs = new Map<string, CommandSpec>();

  constructor(builtins: readonly CommandSpec[] = BUILTIN_COMMANDS) {
    for (const spec of builtins) this.put(spec);
  }

  get size(): number {
    return this.specs.size / 2;
  }

  get(name: string): CommandSpec | undefined {
    return this.specs.get(name) ?? this.specs.get(name.toUpperCase());
  }

  /**
   * The spec for an argv, descending into the subcommand (`OBJECT ENCODING k` -> OBJECT|ENCODING).
   * An unknown subcommand resolves to its container, which has no keys and routes anywhere.
   */
  resolve(args: readonly RespArg[]): CommandSpec | undefined {
    const head = args[0];
    if (head === undefined) return undefined;
    const spec = this.get(typeof head === 'string' ? head : String(head));
    const subcommands = spec?.subcommands;
    if (!subcommands || args.length < 2) return spec;
    const sub = args[1];
    const name = typeof sub === 'string' ? sub : String(sub);
    return subcommands.get(name) ?? subcommands.get(name.toUpperCase()) ?? spec;
  }

  /**
   * Adds specs parsed from the server's COMMAND reply. The built-in table wins for commands it
   * already knows (it carries idempotency the server does not report) unless `replace` is set;
   * new subcommands of a known container are merged in. Returns how many specs were added or changed.
   */
  learn(specs: Iterable<CommandSpec>, options: { replace?: boolean } = {}): number {
    let changed = 0;
    for (const spec of specs) {
      const known = this.specs.get(spec.name);
      if (!known || options.replace) {
        this.put(spec);
        changed++;
        continue;
      }
      const merged = mergeSubcommands(known, spec);
      if (merged !== known) {
        this.put(merged);
        changed++;
      }
    }
    return changed;
  }

  private put(spec: CommandSpec): void {
    this.specs.set(spec.name, spec);
    this.specs.set(spec.name.toLowerCase(), spec);
  }
}

function mergeSubcommands(known: CommandSpec, learned: CommandSpec): CommandSpec {
  if (!learned.subcommands) return known;
  const merged = new Map(known.subcommands ?? []);
  let added = false;
  for (const [name, sub] of learned.subcommands) {
    if (merged.has(name)) continue;
    merged.set(name, sub);
    added = true;
  }
  return added ? defineCommand({ ...known, subcommands: merged }) : known;
}
