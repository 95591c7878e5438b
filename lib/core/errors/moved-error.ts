import { ReplyError } from './reply-error';

/** `MOVED <slot> <host:port>`: the slot lives elsewhere now; retry there and reload the topology. */
export class MovedError extends ReplyError {
  override readonly name = 'MovedError';

  constructor(
    message: string,
    readonly slot: number,
    readonly host: string,
    readonly port: number,
  ) {
    super('MOVED', message);
  }
}
