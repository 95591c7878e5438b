import { RedisClusterError } from './redis-cluster-error';

/** The client (or the connection) was closed by the application; no further commands are accepted. */
export class ClientClosedError extends RedisClusterError {
  override readonly name = 'ClientClosedError';

  constructor(what = 'client') {
    super('ERR_CLOSED', `the ${what} is closed`);
  }
}
