import { RedisClusterError } from './redis-cluster-error';

/** Refused before sending: the command's keys span hash slots and it cannot be split safely. */
export class CrossSlotKeysError extends RedisClusterError {
  override readonly name = 'CrossSlotKeysError';

  constructor(
    readonly command: string,
    readonly slots: number[],
  ) {
    const shown = slots.slice(0, 10).join(', ') + (slots.length > 10 ? ', …' : '');
    super('ERR_CROSS_SLOT', `${command} keys span ${slots.length} hash slots (${shown}) and cannot be split safely; use a {hash tag}`);
  }
}
