/** The errors of the trust checks: public, typed, with stable codes and the facts a caller needs. */
import * as slotline from '../../../lib/client';
import { MovedError } from '../../../lib/core/errors/moved-error';

describe('trust-boundary errors', () => {
  it.each([
    [
      'UntrustedRedirectError',
      'ERR_UNTRUSTED_REDIRECT',
      () => new slotline.UntrustedRedirectError('MOVED', 1, 'evil:6379', new MovedError('MOVED 1 evil:6379', 1, 'evil', 6379)),
    ],
    ['UnknownNodeError', 'ERR_UNKNOWN_NODE', () => new slotline.UnknownNodeError('gone:7000')],
    ['TopologyTooLargeError', 'ERR_TOPOLOGY_TOO_LARGE', () => new slotline.TopologyTooLargeError('nodes', 2000, 1000)],
  ])('%s is exported, a RedisClusterError, code %s', (name, code, make) => {
    const error = make();
    expect(error).toBeInstanceOf(slotline.RedisClusterError);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
  });

  it('UntrustedRedirectError names kind, slot and address, and keeps the redirect as its cause', () => {
    const moved = new MovedError('MOVED 1 evil:6379', 1, 'evil', 6379);
    const error = new slotline.UntrustedRedirectError('MOVED', 1, 'evil:6379', moved);
    expect(error.message).toMatch(/MOVED for slot 1 to evil:6379/);
    expect(error.cause).toBe(moved);
  });
});
