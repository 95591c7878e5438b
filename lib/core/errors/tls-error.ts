import { ConnectionError } from './connection-error';

/** The TLS handshake failed: untrusted or mismatched certificate, or a non-TLS peer. */
export class TlsError extends ConnectionError {
  override readonly name = 'TlsError';

  constructor(message: string, address: string, cause?: unknown) {
    super(message, address, false, { cause, code: 'ERR_TLS' });
  }
}
