import { RedisClusterError } from './redis-cluster-error';

/** An option failed validation in the constructor; names the option and what it accepts. */
export class InvalidOptionError extends RedisClusterError {
  override readonly name = 'InvalidOptionError';

  constructor(
    readonly option: string,
    readonly accepted: string,
    received: unknown,
  ) {
    super('ERR_INVALID_OPTION', `invalid option "${option}": expected ${accepted}, received ${describe(received)}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  return String(value);
}
