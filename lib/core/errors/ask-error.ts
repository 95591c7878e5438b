import { ReplyError } from './reply-error';

/** `ASK <slot> <host:port>`: the slot is migrating; send ASKING and the command to the target once. */
export class AskError extends ReplyError {
  override readonly name = 'AskError';

  constructor(
    message: string,
    readonly slot: number,
    readonly host: string,
    readonly port: number,
  ) {
    super('ASK', message);
  }
}
