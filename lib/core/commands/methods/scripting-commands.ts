import type { RespArg, RespValue } from '../../resp/types';
import { pushAll, type CommandMode, type Many, type RedisKey } from './command-base';
import { GeoCommands } from './geo-commands';
import { toBoolean } from './reply-transforms';

/**
 * HyperLogLog, and scripts and functions run by keys (EVAL_RO, FCALL, FCALL_RO). All `keys` of a
 * script must share one slot; with none it runs on any node. The _RO forms may be served by
 * replicas (with the readOnly option); scripts that write are never repeated after an unknown outcome.
 * Loading scripts and functions (SCRIPT LOAD, FUNCTION LOAD ...) is on the client: it fans out.
 */
export abstract class ScriptingCommands<Mode extends CommandMode> extends GeoCommands<Mode> {
  /** true when the estimate changed. */
  pfadd(key: RedisKey, ...elements: Many<RespArg>[]) {
    return this.send<boolean>(pushAll(['PFADD', key], elements), { transform: toBoolean });
  }

  /** The estimated cardinality of the union of `keys` (one slot). */
  pfcount(...keys: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['PFCOUNT'], keys));
  }

  pfmerge(destination: RedisKey, ...sources: Many<RedisKey>[]) {
    return this.send<'OK'>(pushAll(['PFMERGE', destination], sources));
  }

  evalRo<V = RespValue>(script: string, keys: readonly RedisKey[] = [], args: readonly RespArg[] = []) {
    return this.send<V>(['EVAL_RO', script, keys.length, ...keys, ...args]);
  }

  evalshaRo<V = RespValue>(sha1: string, keys: readonly RedisKey[] = [], args: readonly RespArg[] = []) {
    return this.send<V>(['EVALSHA_RO', sha1, keys.length, ...keys, ...args]);
  }

  /** Calls a function loaded with the client's functionLoad(), routed by its keys. */
  fcall<V = RespValue>(fn: string, keys: readonly RedisKey[] = [], args: readonly RespArg[] = []) {
    return this.send<V>(['FCALL', fn, keys.length, ...keys, ...args]);
  }

  /** As fcall(), with bulk strings in the reply as Buffers. */
  fcallBuffer<V = RespValue>(fn: string, keys: readonly RedisKey[] = [], args: readonly RespArg[] = []) {
    return this.send<V>(['FCALL', fn, keys.length, ...keys, ...args], { buffers: true });
  }

  /** For functions flagged `no-writes`: may run on a replica when readOnly is set. */
  fcallRo<V = RespValue>(fn: string, keys: readonly RedisKey[] = [], args: readonly RespArg[] = []) {
    return this.send<V>(['FCALL_RO', fn, keys.length, ...keys, ...args]);
  }
}
