import type { RespArg } from '../../resp/types';
import { pushAll, type CommandMode, type Many, type RedisKey } from './command-base';
import { toBoolean } from './reply-transforms';
import { StringCommands } from './string-commands';

/** EXPIRE's condition (Redis 7): only when there is no TTL (NX), one (XX), or the new one is greater (GT) / less (LT). */
export type ExpireMode = 'NX' | 'XX' | 'GT' | 'LT';

export abstract class KeyCommands<Mode extends CommandMode> extends StringCommands<Mode> {
  /** How many of the keys existed and were removed. Keys may span slots: the counts are summed. */
  del(...keys: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['DEL'], keys));
  }

  unlink(...keys: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['UNLINK'], keys));
  }

  /** How many of the keys exist; a key given twice counts twice, as in Redis. */
  exists(...keys: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['EXISTS'], keys));
  }

  touch(...keys: Many<RedisKey>[]) {
    return this.send<number>(pushAll(['TOUCH'], keys));
  }

  /** true when the timeout was set; false when the key is missing or `mode` refused it. */
  expire(key: RedisKey, seconds: number, mode?: ExpireMode) {
    return this.send<boolean>(withMode(['EXPIRE', key, seconds], mode), { transform: toBoolean });
  }

  pexpire(key: RedisKey, milliseconds: number, mode?: ExpireMode) {
    return this.send<boolean>(withMode(['PEXPIRE', key, milliseconds], mode), { transform: toBoolean });
  }

  /** `unixSeconds`: an absolute Unix time in seconds. */
  expireat(key: RedisKey, unixSeconds: number, mode?: ExpireMode) {
    return this.send<boolean>(withMode(['EXPIREAT', key, unixSeconds], mode), { transform: toBoolean });
  }

  /** Seconds left; -1 when the key has no expiry, -2 when it does not exist. */
  ttl(key: RedisKey) {
    return this.send<number>(['TTL', key]);
  }

  pttl(key: RedisKey) {
    return this.send<number>(['PTTL', key]);
  }

  /** true when a timeout was removed. */
  persist(key: RedisKey) {
    return this.send<boolean>(['PERSIST', key], { transform: toBoolean });
  }

  /** 'string', 'list', 'set', 'zset', 'hash', 'stream', or 'none'. */
  type(key: RedisKey) {
    return this.send<string>(['TYPE', key]);
  }

  /** Both keys must be in one slot: use a {hash tag}. */
  rename(key: RedisKey, newKey: RedisKey) {
    return this.send<'OK'>(['RENAME', key, newKey]);
  }
}

function withMode(args: RespArg[], mode: ExpireMode | undefined): RespArg[] {
  if (mode !== undefined) args.push(mode);
  return args;
}
