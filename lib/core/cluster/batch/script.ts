import { createHash } from 'node:crypto';
import type { RedisKey } from '../../commands/command-methods';
import { ReplyError } from '../../errors/reply-error';
import type { RespArg, RespValue } from '../../resp/types';

export type ScriptCall = (args: RespArg[]) => Promise<RespValue>;

/**
 * A Lua script run by its SHA1 with EVALSHA, falling back to EVAL on NOSCRIPT (a node that never saw
 * it, a SCRIPT FLUSH, a failover to a replica with an empty cache). EVAL caches it on that node, so
 * the next run there is an EVALSHA again. Routed by its keys, which must share one slot.
 */
export class Script {
  readonly sha1: string;

  constructor(
    readonly lua: string,
    private readonly call: ScriptCall,
    /** Use EVALSHA_RO/EVAL_RO, which replicas may serve when readOnly routing is on. */
    private readonly readOnly = false,
  ) {
    this.sha1 = createHash('sha1').update(lua).digest('hex');
  }

  async run(keys: readonly RedisKey[] = [], args: readonly RespArg[] = []): Promise<RespValue> {
    const tail = [keys.length, ...keys, ...args];
    try {
      return await this.call([this.readOnly ? 'EVALSHA_RO' : 'EVALSHA', this.sha1, ...tail]);
    } catch (error) {
      if (!(error instanceof ReplyError) || error.code !== 'NOSCRIPT') throw error;
      return this.call([this.readOnly ? 'EVAL_RO' : 'EVAL', this.lua, ...tail]);
    }
  }
}
