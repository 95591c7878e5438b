import { inspect } from 'node:util';
import { resolveOptions } from '../../../lib/core/options/resolve-options';

describe('resolved options and the password', () => {
  const options = resolveOptions({ nodes: ['127.0.0.1:7000'], username: 'app', password: 's3cret-value' });

  it('keep it for the handshake', () => {
    expect(options.password).toBe('s3cret-value');
  });

  it('leave it out of logs and serialization', () => {
    expect(JSON.stringify(options)).not.toContain('s3cret-value');
    expect(inspect(options, { depth: 5 })).not.toContain('s3cret-value');
  });
});
