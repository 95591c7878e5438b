import { Command, commandPromise } from '../../../lib/core/connection/command';
import { InvalidArgumentError } from '../../../lib/core/errors/invalid-argument-error';
import type { RespArg } from '../../../lib/core/resp/types';

describe('Command', () => {
  it('holds its wire bytes from the moment it is created', () => {
    expect(new Command(['GET', 'k']).encoded).toBe('*2\r\n$3\r\nGET\r\n$1\r\nk\r\n');
    expect(new Command(['GET', Buffer.from('k')]).encoded).toEqual(Buffer.from('*2\r\n$3\r\nGET\r\n$1\r\nk\r\n'));
  });

  it('cannot be created with an argument that cannot be sent', () => {
    expect(() => new Command(['SET', 'k', undefined] as unknown as RespArg[])).toThrow(InvalidArgumentError);
  });

  it('commandPromise throws synchronously for a bad argument, with no command to send', () => {
    expect(() => commandPromise(['SET', 'k', NaN])).toThrow('SET argument 2 is NaN');
  });

  it('commandPromise settles its promise through the command', async () => {
    const { command, reply } = commandPromise(['PING']);
    command.settle(null, 'PONG');
    await expect(reply).resolves.toBe('PONG');
  });
});
