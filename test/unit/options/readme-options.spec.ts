import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_OPTIONS } from '../../../lib/core/options/defaults';

/** README's option table is the user's reference: it must list every option with the default the code uses. */
describe('README options table', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Options'), readme.indexOf('\n## ', readme.indexOf('## Options') + 5));
  const rows = new Map([...section.matchAll(/^\| `(\w+)` \|.*\| (.+?) \|$/gm)].map((m) => [m[1], m[2].trim()]));

  it.each(Object.entries(DEFAULT_OPTIONS))('documents %s with its default', (name, value) => {
    expect(rows.has(name)).toBe(true);
    const shown = rows.get(name)!;
    if (value === undefined) expect(shown).toMatch(/^none/);
    else expect(shown.replace(/`/g, '')).toBe(String(value));
  });

  it('documents nothing the client does not have', () => {
    const known = new Set([...Object.keys(DEFAULT_OPTIONS), 'nodes', 'addressMap']);
    expect([...rows.keys()].filter((name) => !known.has(name))).toEqual([]);
  });
});
