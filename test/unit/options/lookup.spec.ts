import { lookup as dnsLookup } from 'node:dns';
import { InvalidOptionError } from '../../../lib/core/errors/invalid-option-error';
import { resolveOptions } from '../../../lib/core/options/resolve-options';

const nodes = [{ host: '127.0.0.1', port: 7000 }];

describe('lookup option', () => {
  it('absent: undefined (Node resolves names itself)', () => {
    expect(resolveOptions({ nodes }).lookup).toBeUndefined();
  });

  it('a function: kept as given', () => {
    expect(resolveOptions({ nodes, lookup: dnsLookup }).lookup).toBe(dnsLookup);
  });

  it.each([
    ['a string', 'dns'],
    ['an object', {}],
    ['null', null],
    ['a number', 1],
  ])('%s: InvalidOptionError naming lookup', (_what, value) => {
    const build = (): unknown => resolveOptions({ nodes, lookup: value as never });
    expect(build).toThrow(InvalidOptionError);
    expect(build).toThrow(/lookup/);
  });
});
