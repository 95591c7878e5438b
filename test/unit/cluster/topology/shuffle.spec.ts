/** The candidate order for topology fetches: a uniform shuffle, never the input order by bias. */
import { shuffled } from '../../../../lib/core/cluster/topology/shuffle';

describe('shuffled', () => {
  it('returns a permutation and leaves the input alone', () => {
    const input = [1, 2, 3, 4, 5];
    const out = shuffled(input);
    expect([...out].sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5]);
  });

  it('puts every item first about equally often (the sort-by-random trick does not)', () => {
    const firsts = new Map<string, number>();
    const rounds = 30_000;
    for (let i = 0; i < rounds; i++) {
      const first = shuffled(['a', 'b', 'c'])[0];
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    for (const item of ['a', 'b', 'c']) expect(Math.abs((firsts.get(item) ?? 0) / rounds - 1 / 3)).toBeLessThan(0.02);
  });

  it('is Fisher-Yates: a fixed random source gives a fixed order', () => {
    // random() = 0 swaps each position with index 0, from the end: [a,b,c,d] -> [d,b,c,a] -> [c,b,d,a] -> [b,c,d,a].
    expect(shuffled(['a', 'b', 'c', 'd'], () => 0)).toEqual(['b', 'c', 'd', 'a']);
  });
});
