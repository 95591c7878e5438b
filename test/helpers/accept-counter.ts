import * as net from 'node:net';

/**
 * A port on 127.0.0.1 that counts the connections made to it and the bytes sent (an AUTH would be
 * some), answering nothing: proof that a client never dialled an address it was pointed at.
 */
export class AcceptCounter {
  accepts = 0;
  bytes = 0;
  private readonly sockets = new Set<net.Socket>();

  private constructor(private readonly server: net.Server) {
    server.on('connection', (socket) => {
      this.accepts++;
      this.sockets.add(socket);
      socket.on('data', (chunk) => (this.bytes += chunk.length));
      socket.on('error', () => undefined);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(): Promise<AcceptCounter> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return new AcceptCounter(server);
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
