/** The pure parts of the Keyv store: which keys it owns, how batches are cut, how options resolve. */
import { describe, expect, it } from '@jest/globals';
import { InvalidOptionError } from '../../../lib/client';
import { batches } from '../../../lib/keyv/batches';
import { KEYV_STORE_DEFAULTS, resolveKeyvStoreOptions } from '../../../lib/keyv/keyv-store-options';
import { escapeGlob, ownedKeys } from '../../../lib/keyv/owned-keys';

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('ownedKeys', () => {
  it('with a namespace: keyPrefix + namespace + ":*", glob characters escaped', () => {
    const owned = ownedKeys('app[1]:', 'c*che');
    expect(owned.match).toBe('app\\[1\\]:c\\*che:*');
    expect(owned.owns('app[1]:c*che:a:b')).toBe(true);
  });

  it('without one: everything under keyPrefix whose rest has no ":"', () => {
    const owned = ownedKeys('app:', undefined);
    expect(owned.match).toBe('app:*');
    expect(owned.owns('app:plain')).toBe(true);
    expect(owned.owns('app:ns:key')).toBe(false);
    expect(ownedKeys('', '').owns('a:b')).toBe(false);
  });

  it('escapes every MATCH metacharacter', () => {
    expect(escapeGlob('a*b?c[d]e\\f')).toBe('a\\*b\\?c\\[d\\]e\\\\f');
  });
});

describe('batches', () => {
  it('cuts a stream into arrays of at most `size`, the last one shorter', async () => {
    const out: number[][] = [];
    for await (const batch of batches(from([1, 2, 3, 4, 5, 6, 7]), 3)) out.push(batch);
    expect(out).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('yields nothing for an empty stream', async () => {
    const out: number[][] = [];
    for await (const batch of batches(from<number>([]), 3)) out.push(batch);
    expect(out).toEqual([]);
  });
});

describe('resolveKeyvStoreOptions', () => {
  it('fills the defaults and keeps what was given', () => {
    expect(resolveKeyvStoreOptions()).toEqual(KEYV_STORE_DEFAULTS);
    expect(resolveKeyvStoreOptions({ keyPrefix: 'p:', useUnlink: false })).toEqual({
      ...KEYV_STORE_DEFAULTS,
      keyPrefix: 'p:',
      useUnlink: false,
    });
  });

  it('refuses a clearBatchSize that is not a positive integer, and a keyPrefix that is not a string', () => {
    for (const clearBatchSize of [0, -1, 1.5, Number.NaN]) {
      expect(() => resolveKeyvStoreOptions({ clearBatchSize })).toThrow(InvalidOptionError);
    }
    expect(() => resolveKeyvStoreOptions({ keyPrefix: 1 as unknown as string })).toThrow(InvalidOptionError);
  });
});
