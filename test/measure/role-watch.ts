import * as net from 'node:net';

/**
 * Asks one node `ROLE` over a raw socket, one request after another, until it answers `master`:
 * the moment the cluster promoted it, to within one round trip (a redis-cli process per poll
 * would add its own start-up time to every reading).
 */
export function promotedAt(port: number, timeoutMs: number, password?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => finish(new Error(`port ${port} not promoted within ${timeoutMs} ms`)), timeoutMs);
    let buffered = '';
    const ask = () => socket.write('ROLE\r\n');
    const finish = (outcome: Error | number) => {
      clearTimeout(timer);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    socket.on('connect', () => {
      if (password !== undefined) socket.write(`AUTH ${password}\r\n`);
      ask();
    });
    socket.on('error', (error) => finish(error));
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      // Replies are small: a master's starts `*3 $6 master`, a replica's `*5 $5 slave`; AUTH's is `+OK`.
      if (buffered.includes('$6\r\nmaster')) return finish(performance.now());
      if (buffered.includes('slave') && buffered.endsWith('\r\n') && /:-?\d+\r\n$/.test(buffered)) {
        buffered = '';
        setTimeout(ask, 2);
      }
    });
  });
}
