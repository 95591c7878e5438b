import { inspect } from 'node:util';
import { InvalidOptionError } from '../../../lib/core/errors/invalid-option-error';
import { resolveOptions } from '../../../lib/core/options/resolve-options';

const provider = async (): Promise<{ password: string }> => ({ password: 'p' });
const nodes = ['127.0.0.1:7000'];

function refusal(fn: () => unknown): InvalidOptionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return error as InvalidOptionError;
  }
  throw new Error('expected InvalidOptionError');
}

describe('credentialsProvider and reauthInterval options', () => {
  it('default to no provider and no re-authentication', () => {
    const o = resolveOptions({ nodes });
    expect(o.credentialsProvider).toBeUndefined();
    expect(o.reauthInterval).toBe(0);
  });

  it('keep the provider and the interval', () => {
    const o = resolveOptions({ nodes, credentialsProvider: provider, reauthInterval: 500 });
    expect(o.credentialsProvider).toBe(provider);
    expect(o.reauthInterval).toBe(500);
  });

  it.each([
    ['password', { password: 'secret-pw' }],
    ['username', { username: 'someone' }],
    ['URL credentials', { nodes: ['redis://u:secret-pw@127.0.0.1:7000'] }],
  ])('refuse a provider beside %s, without echoing the secret', (_name, extra) => {
    const error = refusal(() => resolveOptions({ nodes, ...extra, credentialsProvider: provider }));
    expect(error.option).toBe('credentialsProvider');
    expect(`${error.message}${inspect(error)}`).not.toContain('secret-pw');
  });

  it('refuse a provider that is not a function', () => {
    expect(refusal(() => resolveOptions({ nodes, credentialsProvider: 'token' as never })).option).toBe('credentialsProvider');
  });

  it.each([-1, 1.5, 2 ** 31, 'often'])('refuse reauthInterval %p', (value) => {
    expect(refusal(() => resolveOptions({ nodes, credentialsProvider: provider, reauthInterval: value as number })).option).toBe(
      'reauthInterval',
    );
  });

  it('make reauthInterval 0 without a provider: there is nothing to re-authenticate with', () => {
    expect(resolveOptions({ nodes, password: 'x', reauthInterval: 1000 }).reauthInterval).toBe(0);
  });
});
