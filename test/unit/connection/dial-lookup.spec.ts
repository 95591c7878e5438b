/** `lookup` resolves the dialled name on every dial, plain and TLS alike; a name it cannot resolve fails typed. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import type { ConnectionConfig } from '../../../lib/core/connection/connection-config';
import { dial } from '../../../lib/core/connection/dial';
import { SocketInput } from '../../../lib/core/connection/socket-input';
import { ConnectionError } from '../../../lib/core/errors/connection-error';
import { TlsError } from '../../../lib/core/errors/tls-error';
import { rejection } from '../../helpers/rejection';

function config(port: number, extra: Partial<ConnectionConfig>): ConnectionConfig {
  return {
    host: 'db.example.test',
    port,
    tls: undefined,
    username: undefined,
    password: undefined,
    clientName: undefined,
    protocol: 3,
    readOnly: false,
    dialTimeout: 2000,
    readTimeout: 1000,
    writeTimeout: 1000,
    ...extra,
  };
}

/** Maps every name to 127.0.0.1 and records it; `fail` names get ENOTFOUND, as DNS would give. */
function recordingLookup(fail: string[] = []): net.LookupFunction & { calls: string[] } {
  const calls: string[] = [];
  const lookup = (hostname: string, options: object, callback: (...args: unknown[]) => void): void => {
    calls.push(hostname);
    if (fail.includes(hostname)) {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    } else if ((options as { all?: boolean }).all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
  };
  return Object.assign(lookup as net.LookupFunction, { calls });
}

/** A self-signed certificate whose only SAN is `name` (no IP): what announced-name clusters present. */
function certificateFor(name: string): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dial-lookup-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-keyout',
        path.join(dir, 'k.pem'),
        '-out',
        path.join(dir, 'c.pem'),
        '-subj',
        `/CN=${name}`,
        '-addext',
        `subjectAltName=DNS:${name}`,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(path.join(dir, 'k.pem')), cert: readFileSync(path.join(dir, 'c.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('dial with a lookup option', () => {
  let server: net.Server;
  let port: number;
  const accepted: net.Socket[] = [];

  beforeAll(async () => {
    server = net.createServer((s) => accepted.push(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const s of accepted) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('resolves the name through lookup, again on every new dial (nothing cached)', async () => {
    const lookup = recordingLookup();
    const first = await dial(config(port, { lookup }), `db.example.test:${port}`, new SocketInput());
    const second = await dial(config(port, { lookup }), `db.example.test:${port}`, new SocketInput());
    first.destroy();
    second.destroy();
    expect(lookup.calls).toEqual(['db.example.test', 'db.example.test']);
  });

  it('a name lookup cannot resolve: ConnectionError at once, not a hang or a timeout', async () => {
    const lookup = recordingLookup(['db.example.test']);
    const started = Date.now();
    const error = await rejection(dial(config(port, { lookup }), `db.example.test:${port}`, new SocketInput()));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/ENOTFOUND/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('TLS: dials the name through lookup and verifies the per-node servername, not the dialled name', async () => {
    const { key, cert } = certificateFor('node-1.example.test');
    const seen: string[] = [];
    const tlsServer = tls.createServer({ key, cert, SNICallback: (name, cb) => (seen.push(name), cb(null, undefined)) }, (s) => s.end());
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    const tlsPort = (tlsServer.address() as net.AddressInfo).port;
    try {
      const lookup = recordingLookup();
      const socket = await dial(
        config(tlsPort, { lookup, tls: { ca: cert }, servername: 'node-1.example.test' }),
        `db.example.test:${tlsPort}`,
        new SocketInput(),
      );
      socket.destroy();
      expect(lookup.calls).toEqual(['db.example.test']);
      expect(seen).toEqual(['node-1.example.test']);
      // The certificate names node-1 only: verified against the dialled name, the same dial fails typed.
      const error = await rejection(dial(config(tlsPort, { lookup, tls: { ca: cert } }), `db.example.test:${tlsPort}`, new SocketInput()));
      expect(error).toBeInstanceOf(TlsError);
    } finally {
      await new Promise((resolve) => tlsServer.close(resolve));
    }
  });
});
