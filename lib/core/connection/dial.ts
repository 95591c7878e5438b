import * as net from 'node:net';
import * as tls from 'node:tls';
import { ConnectionError } from '../errors/connection-error';
import { TimeoutError } from '../errors/timeout-error';
import { TlsError } from '../errors/tls-error';
import type { ConnectionConfig } from './connection-config';
import type { SocketInput } from './socket-input';

const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** Opens a TCP or TLS socket, settled within dialTimeout with a typed error; what it reads goes to `input`. */
export function dial(config: ConnectionConfig, address: string, input: SocketInput): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    let secureContext: tls.SecureContext | undefined;
    try {
      secureContext = secureContextOf(config);
    } catch (error) {
      reject(new TlsError(`TLS options for ${address} are unusable: ${(error as Error).message}`, address, error));
      return;
    }
    const socket = config.tls
      ? tls.connect({
          // Per node (the announced host name when an IP is dialled); an explicit tls.servername overrides.
          servername: config.servername ?? (net.isIP(config.host) ? undefined : config.host),
          ...config.tls,
          secureContext,
          host: config.host,
          port: config.port,
          lookup: config.lookup,
        })
      : net.connect({ host: config.host, port: config.port, lookup: config.lookup, onread: input.onread() });
    if (config.tls) socket.on('data', input.onData);
    const ready = config.tls ? 'secureConnect' : 'connect';
    const timer = setTimeout(() => fail(new TimeoutError('dial', address, config.dialTimeout)), config.dialTimeout);

    const fail = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onError = (error: NodeJS.ErrnoException) => fail(typedDialError(error, address, config.tls !== undefined));
    const onClose = () => fail(new ConnectionError(`connection to ${address} closed during dial`, address));
    const onReady = () => {
      cleanup();
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 30_000);
      resolve(socket);
    };
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.off(ready, onReady);
    };
    socket.once('error', onError);
    socket.once('close', onClose);
    socket.once(ready, onReady);
  });
}

/**
 * tls.connect keeps the options it was given on the socket (a symbol property that util.inspect
 * shows), so the key, passphrase and pfx go into a SecureContext built here, which holds them natively.
 */
function secureContextOf(config: ConnectionConfig): tls.SecureContext | undefined {
  const secrets = config.tlsSecrets?.reveal();
  if (config.tls === undefined || secrets === undefined || config.tls.secureContext !== undefined) return config.tls?.secureContext;
  return tls.createSecureContext({ ...config.tls, ...secrets });
}

function typedDialError(error: NodeJS.ErrnoException, address: string, tlsOn: boolean): Error {
  const code = error.code ?? '';
  if (tlsOn && (TLS_CODE.test(code) || /certificate|SSL|TLS/i.test(error.message))) {
    return new TlsError(`TLS handshake with ${address} failed: ${error.message}`, address, error);
  }
  return new ConnectionError(`cannot connect to ${address}: ${error.message}`, address, false, { cause: error });
}
