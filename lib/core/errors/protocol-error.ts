import { RedisClusterError } from './redis-cluster-error';

/** The byte stream from a node broke the RESP grammar; the connection that carried it is destroyed. */
export class ProtocolError extends RedisClusterError {
  override readonly name = 'ProtocolError';

  constructor(message: string) {
    super('ERR_PROTOCOL', message);
  }
}
