import * as net from 'node:net';
import { SocketInput } from '../../../lib/core/connection/socket-input';

/** A local server that writes `payloads` to each client, one write per tick. */
async function serverSending(payloads: string[]): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    let i = 0;
    const next = () => {
      if (i < payloads.length) socket.write(payloads[i++], () => setImmediate(next));
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('SocketInput', () => {
  it('plain TCP: every socket reads into one shared buffer, handed over as transient', async () => {
    const server = await serverSending(['first', 'second']);
    const seen: Array<{ socket: number; text: string; transient: boolean; memory: ArrayBufferLike }> = [];
    const sockets: net.Socket[] = [];
    try {
      for (const n of [0, 1]) {
        const input = new SocketInput();
        input.attach((chunk, transient) => seen.push({ socket: n, text: chunk.toString(), transient, memory: chunk.buffer }));
        sockets.push(net.connect({ port: server.port, host: '127.0.0.1', onread: input.onread() }));
      }
      await waitFor(() => seen.map((s) => s.text).join('').length === 2 * 'firstsecond'.length);
      expect(seen.every((s) => s.transient)).toBe(true);
      expect(new Set(seen.map((s) => s.memory)).size).toBe(1);
      for (const n of [0, 1])
        expect(
          seen
            .filter((s) => s.socket === n)
            .map((s) => s.text)
            .join(''),
        ).toBe('firstsecond');
    } finally {
      for (const s of sockets) s.destroy();
      await server.close();
    }
  });

  it('keeps a copy of what arrives before a reader attaches, and hands it over as owned', async () => {
    const server = await serverSending(['early']);
    const input = new SocketInput();
    const socket = net.connect({ port: server.port, host: '127.0.0.1', onread: input.onread() });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Another socket's read lands in the same shared buffer meanwhile.
      const other = await serverSending(['XXXXX']);
      const otherInput = new SocketInput();
      const otherChunks: string[] = [];
      otherInput.attach((chunk) => otherChunks.push(chunk.toString()));
      const otherSocket = net.connect({ port: other.port, host: '127.0.0.1', onread: otherInput.onread() });
      await waitFor(() => otherChunks.length > 0);
      otherSocket.destroy();
      await other.close();

      const seen: Array<{ text: string; transient: boolean }> = [];
      input.attach((chunk, transient) => seen.push({ text: chunk.toString(), transient }));
      expect(seen).toEqual([{ text: 'early', transient: false }]);
    } finally {
      socket.destroy();
      await server.close();
    }
  });

  it('TLS-style owned chunks (the data event) are handed over as they are', () => {
    const input = new SocketInput();
    const seen: Array<[Buffer, boolean]> = [];
    input.attach((chunk, transient) => seen.push([chunk, transient]));
    const chunk = Buffer.from('owned');
    input.onData(chunk);
    expect(seen).toEqual([[chunk, false]]);
    expect(seen[0][0]).toBe(chunk);
  });
});

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
