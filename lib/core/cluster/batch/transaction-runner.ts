import { Command, commandPromise } from '../../connection/command';
import type { Connection } from '../../connection/connection';
import type { CommandRegistry } from '../../commands/command-registry';
import { ConnectionError } from '../../errors/connection-error';
import { CrossSlotKeysError } from '../../errors/cross-slot-error';
import { ReplyError } from '../../errors/reply-error';
import type { ResolvedOptions } from '../../options/resolve-options';
import type { RespArg, RespValue } from '../../resp/types';
import type { RouterContext } from '../routing/command-router';
import { assertSingleSlot } from '../multi-key/multi-key-splitter';
import { decideAttempt, type AttemptState } from '../routing/attempt-decision';
import { reloadedTarget } from '../topology/trusted-redirect';

type Options = Pick<ResolvedOptions, 'maxRetries' | 'minRetryBackoff' | 'maxRetryBackoff' | 'maxRedirects'>;

/** The one slot every command of a transaction touches (-1: none has a key). */
export function transactionSlot(registry: CommandRegistry, commands: readonly RespArg[][]): number {
  const slots = new Set<number>();
  for (const args of commands) {
    const spec = registry.resolve(args);
    const slot = spec === undefined ? -1 : assertSingleSlot(spec.name, args, spec);
    if (slot !== -1) slots.add(slot);
  }
  if (slots.size > 1)
    throw new CrossSlotKeysError(
      'MULTI',
      [...slots].sort((a, b) => a - b),
    );
  return slots.size === 0 ? -1 : [...slots][0];
}

/**
 * MULTI ... EXEC on the slot's master, as go-redis does it: a MOVED or ASK among the queued replies
 * (the slot moved before EXEC) discards the transaction, so it is sent again whole to the new owner;
 * TRYAGAIN/CLUSTERDOWN/LOADING and connection failures before EXEC was written back off and retry.
 * A transaction whose connection broke after EXEC was written is never repeated.
 */
export async function runTransaction(
  ctx: RouterContext,
  options: Options,
  slot: number,
  commands: RespArg[][],
): Promise<RespValue[] | null> {
  let target: { host: string; port: number } | undefined;
  let asking = false;
  for (let attempt = 0, redirects = 0; ;) {
    const node = target ?? pickMaster(ctx, slot);
    // ASKING right before MULTI covers the whole MULTI ... EXEC on the importing node.
    const prefix = asking ? [new Command(['ASKING'])] : [];
    target = undefined;
    asking = false;
    const outcome: Outcome =
      node instanceof Error
        ? { ok: false, error: node }
        : await sendTransaction((group) => ctx.poolFor(node).sendGroup([...prefix, ...group]), commands);
    if (outcome.ok) return outcome.replies;
    const error = outcome.error;
    const asked = node as { host: string; port: number };
    const decision = decideAttempt(error, attemptState(asked, attempt, redirects), ctx, options);
    if (decision.kind === 'fail') throw decision.error;
    if (decision.kind === 'redirect') {
      redirects++;
      // The same rule as the router's: an address the topology does not list is never dialled.
      const next = decision.node ?? (await reloadedTarget(ctx, decision.redirect, decision.address));
      if (next instanceof Error) throw next;
      target = next;
      // A MOVED to an unlisted address has just reloaded; one to a known node refreshes lazily.
      if (decision.node !== undefined && !decision.asking) ctx.requestReload();
      asking = decision.asking;
      continue;
    }
    attempt++;
    if (decision.reload) await ctx.reload();
    await sleep(decision.delayMs);
  }
}

/**
 * A transaction is never repeated after an unknown outcome (EXEC may have run), and past
 * maxRedirects it fails with the last redirect itself.
 */
function attemptState(node: { host: string; port: number }, attempts: number, redirects: number): AttemptState {
  return {
    name: 'EXEC',
    address: `${node.host}:${node.port}`,
    attempts,
    redirects,
    pinned: false,
    safeToRepeat: () => false,
    redirectLimit: 'last-redirect',
  };
}

/** WATCH ... MULTI ... EXEC on a connection the caller owns: no rerouting, the caller sees every error. */
export async function runOnConnection(connection: Connection, commands: RespArg[][]): Promise<RespValue[] | null> {
  const outcome = await sendTransaction((group) => group.forEach((c) => connection.send(c)), commands);
  if (outcome.ok) return outcome.replies;
  throw outcome.error;
}

type Outcome = { ok: true; replies: RespValue[] | null } | { ok: false; error: Error };

async function sendTransaction(send: (group: Command[]) => void, commands: RespArg[][]): Promise<Outcome> {
  const parts = [['MULTI'], ...commands, ['EXEC']].map((args) => commandPromise(args));
  send(parts.map((p) => p.command));
  const settled = await Promise.allSettled(parts.map((p) => p.reply));
  const exec = settled[settled.length - 1];
  if (exec.status === 'fulfilled') return { ok: true, replies: exec.value as RespValue[] | null };
  // The first failure explains the rest: a MOVED on a queued command is why EXEC aborted.
  const execWritten = parts[parts.length - 1].command.written;
  for (const result of settled) {
    if (result.status !== 'rejected') continue;
    const reason = result.reason as Error;
    // Whether the transaction may have run depends on EXEC alone, not on MULTI or the queued commands.
    if (reason instanceof ConnectionError)
      return { ok: false, error: new ConnectionError(reason.message, reason.address, execWritten, { cause: reason }) };
    if (reason instanceof ReplyError) return { ok: false, error: reason };
  }
  return { ok: false, error: exec.reason as Error };
}

function pickMaster(ctx: RouterContext, slot: number): { host: string; port: number } | Error {
  const topology = ctx.topology();
  const shard = slot === -1 ? topology?.shards[0] : topology?.shardOf(slot);
  return shard?.master ?? new ReplyError('CLUSTERDOWN', `CLUSTERDOWN no master serves slot ${slot}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
