import { BUILTIN_COMMANDS } from '../../../lib/core/commands/builtin-commands';
import { CommandRegistry } from '../../../lib/core/commands/command-registry';
import { defineCommand } from '../../../lib/core/commands/command-spec';
import { container, keysAt, NO_KEYS, READ_ONLY, sub } from '../../../lib/core/commands/spec-builders';

describe('CommandRegistry', () => {
  it('finds commands by upper, lower and mixed case', () => {
    const registry = new CommandRegistry();
    const get = registry.get('GET');
    expect(get?.name).toBe('GET');
    expect(registry.get('get')).toBe(get);
    expect(registry.get('Get')).toBe(get);
    expect(registry.get('NOPE')).toBeUndefined();
  });

  it('resolves subcommands from the argv, in any case', () => {
    const registry = new CommandRegistry();
    expect(registry.resolve(['OBJECT', 'ENCODING', 'k'])?.name).toBe('OBJECT|ENCODING');
    expect(registry.resolve(['object', 'encoding', 'k'])?.name).toBe('OBJECT|ENCODING');
    expect(registry.resolve(['Xinfo', 'Stream', 'k'])?.name).toBe('XINFO|STREAM');
    expect(registry.resolve([Buffer.from('XGROUP'), Buffer.from('CREATE'), 'k', 'g', '$'])?.name).toBe('XGROUP|CREATE');
  });

  it('resolves a container without (or with an unknown) subcommand to the container', () => {
    const registry = new CommandRegistry();
    expect(registry.resolve(['COMMAND'])?.name).toBe('COMMAND');
    expect(registry.resolve(['OBJECT', 'NEWTHING', 'k'])?.name).toBe('OBJECT');
    expect(registry.resolve(['GET', 'k'])?.name).toBe('GET');
    expect(registry.resolve([])).toBeUndefined();
  });

  it('learns per instance: another registry does not see it', () => {
    const a = new CommandRegistry();
    const b = new CommandRegistry();
    a.learn([defineCommand({ name: 'mymod.get', keys: keysAt(1), flags: READ_ONLY })]);
    expect(a.get('MYMOD.GET')).toBeDefined();
    expect(b.get('MYMOD.GET')).toBeUndefined();
  });

  it('keeps built-in specs unless asked to replace them', () => {
    const registry = new CommandRegistry();
    const learned = defineCommand({ name: 'get', keys: keysAt(1) });
    expect(registry.learn([learned])).toBe(0);
    expect(registry.get('GET')?.flags.readonly).toBe(true);
    expect(registry.learn([learned], { replace: true })).toBe(1);
    expect(registry.get('get')).toBe(learned);
  });

  it('merges new subcommands of a known container, keeping the built-in ones', () => {
    const registry = new CommandRegistry();
    const builtinEncoding = registry.resolve(['OBJECT', 'ENCODING', 'k']);
    const learned = container('OBJECT', [sub('OBJECT', 'ENCODING', keysAt(2), {}), sub('OBJECT', 'NEWTHING', keysAt(2), READ_ONLY)]);
    expect(registry.learn([learned])).toBe(1);
    expect(registry.resolve(['OBJECT', 'ENCODING', 'k'])).toBe(builtinEncoding);
    expect(registry.resolve(['object', 'newthing', 'k'])?.singleKeyAt).toBe(2);
    expect(registry.learn([learned])).toBe(0);
  });

  it('counts each command once', () => {
    expect(new CommandRegistry().size).toBe(BUILTIN_COMMANDS.length);
    expect(new CommandRegistry([defineCommand({ name: 'PING', keys: NO_KEYS })]).size).toBe(1);
  });
});
