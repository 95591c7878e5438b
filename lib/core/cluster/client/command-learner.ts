import { parseCommandInfo } from '../../commands/command-info';
import type { CommandRegistry } from '../../commands/command-registry';
import type { CommandSpec } from '../../commands/command-spec';
import type { RespArg, RespValue } from '../../resp/types';

/**
 * Commands missing from the built-in table (module commands, commands newer than this client) are
 * looked up once with `COMMAND INFO`, so `call()` routes them by their key specs like any other.
 */
export class CommandLearner {
  private readonly pending = new Map<string, Promise<void>>();
  /** Names the server does not know either: not asked again. */
  private readonly unknown = new Set<string>();

  constructor(
    private readonly registry: CommandRegistry,
    private readonly ask: (args: RespArg[]) => Promise<RespValue>,
  ) {}

  /** The spec for `args`, learning it from the server first if needed; undefined when nobody knows it. */
  async resolve(args: readonly RespArg[]): Promise<CommandSpec | undefined> {
    const name = String(args[0]).toUpperCase();
    if (!this.unknown.has(name)) {
      let learning = this.pending.get(name);
      if (learning === undefined) {
        learning = this.learn(name).finally(() => this.pending.delete(name));
        this.pending.set(name, learning);
      }
      await learning;
    }
    return this.registry.resolve(args);
  }

  private async learn(name: string): Promise<void> {
    const specs = parseCommandInfo(await this.ask(['COMMAND', 'INFO', name]));
    if (specs.length === 0) this.unknown.add(name);
    else this.registry.learn(specs);
  }
}
