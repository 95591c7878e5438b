import { InvalidOptionError } from '../../../lib/core/errors/invalid-option-error';
import { resolveOptions } from '../../../lib/core/options/resolve-options';

const nodes = ['127.0.0.1:7000'];

describe('diagnosticArgs option', () => {
  it("is 'none' by default: no argument is ever published", () => {
    expect(resolveOptions({ nodes }).diagnosticArgs).toBe('none');
  });

  it("takes 'sanitized'", () => {
    expect(resolveOptions({ nodes, diagnosticArgs: 'sanitized' }).diagnosticArgs).toBe('sanitized');
  });

  it.each([true, 'all', 'raw', 1])('refuses %p at construction, where the caller holds the error', (value) => {
    expect(() => resolveOptions({ nodes, diagnosticArgs: value as never })).toThrow(InvalidOptionError);
  });
});
