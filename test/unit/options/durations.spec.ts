import { InvalidOptionError } from '../../../lib/core/errors/invalid-option-error';
import { MAX_DURATION_MS, resolveOptions } from '../../../lib/core/options/resolve-options';
import type { RedisClusterOptions } from '../../../lib/core/options/client-options';

const DURATIONS = [
  'poolTimeout',
  'idleTimeout',
  'idleCheckFrequency',
  'maxConnAge',
  'dialTimeout',
  'readTimeout',
  'writeTimeout',
  'minRetryBackoff',
  'maxRetryBackoff',
  'waitReplicasTimeout',
  'heartbeatInterval',
  'topologyRefreshInterval',
] as const;

function refusal(options: Partial<RedisClusterOptions>): InvalidOptionError {
  try {
    resolveOptions({ nodes: ['127.0.0.1:7000'], ...options });
  } catch (error) {
    if (error instanceof InvalidOptionError) return error;
    throw error;
  }
  throw new Error('resolveOptions accepted the options');
}

describe('durations', () => {
  it('2^31 - 1 ms is the longest a Node timer waits', () => {
    expect(MAX_DURATION_MS).toBe(2 ** 31 - 1);
  });

  it.each(DURATIONS)('%s of 2^31 ms is refused, naming the option (Node would fire it after 1 ms)', (name) => {
    // maxRetryBackoff must stay >= minRetryBackoff for the duration check to be the one that fails.
    const extra = name === 'minRetryBackoff' ? { maxRetryBackoff: 2 ** 31 } : {};
    const error = refusal({ ...extra, [name]: 2 ** 31 });
    expect(error.option).toBe(name);
    expect(error.message).toContain('2147483647');
  });

  it.each(DURATIONS)('%s of 2^31 - 1 ms is accepted', (name) => {
    const extra = name === 'minRetryBackoff' ? { maxRetryBackoff: MAX_DURATION_MS } : {};
    const options = resolveOptions({ nodes: ['127.0.0.1:7000'], ...extra, [name]: MAX_DURATION_MS });
    expect(options[name]).toBe(MAX_DURATION_MS);
  });

  it('Infinity is refused too', () => {
    expect(refusal({ heartbeatInterval: Infinity }).option).toBe('heartbeatInterval');
  });
});
