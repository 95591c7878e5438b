import { AuthError } from '../errors/auth-error';
import { ReplyError } from '../errors/reply-error';
import type { Secret } from '../options/secret';
import type { RespArg, RespValue } from '../resp/types';
import type { ConnectionConfig } from './connection-config';

export type SendForReply = (args: RespArg[]) => Promise<RespValue>;

/** Who the handshake authenticates as: the static options, or what the credentialsProvider gave this socket. */
export interface HandshakeAuth {
  username: string | undefined;
  password: Secret<string> | undefined;
}

const AUTH_CODES = new Set(['WRONGPASS', 'NOAUTH', 'NOPERM']);

/**
 * `HELLO <proto> [AUTH user pass] [SETNAME name]` in one round trip; servers without HELLO
 * (Redis < 6, some proxies) get `AUTH` + `CLIENT SETNAME` and stay on RESP2. Returns the protocol in use.
 */
export async function handshake(
  send: SendForReply,
  config: ConnectionConfig,
  address: string,
  auth: HandshakeAuth = config,
): Promise<2 | 3> {
  const protocol = await hello(send, config, address, auth);
  if (config.readOnly) await send(['READONLY']);
  return protocol;
}

async function hello(send: SendForReply, config: ConnectionConfig, address: string, auth: HandshakeAuth): Promise<2 | 3> {
  const password = auth.password?.reveal();
  if (config.protocol === 2 && password === undefined && config.clientName === undefined) return 2;
  const args: RespArg[] = ['HELLO', config.protocol];
  if (password !== undefined) args.push('AUTH', auth.username ?? 'default', password);
  if (config.clientName !== undefined) args.push('SETNAME', config.clientName);
  try {
    await send(args);
    return config.protocol;
  } catch (error) {
    if (isAuthFailure(error)) throw authError(error, address);
    if (!(error instanceof ReplyError) || !/unknown command|NOPROTO/i.test(error.message)) throw error;
  }
  try {
    if (password !== undefined) {
      await send(auth.username ? ['AUTH', auth.username, password] : ['AUTH', password]);
    }
    if (config.clientName !== undefined) await send(['CLIENT', 'SETNAME', config.clientName]);
  } catch (error) {
    if (isAuthFailure(error)) throw authError(error, address);
    throw error;
  }
  return 2;
}

function isAuthFailure(error: unknown): error is ReplyError {
  return error instanceof ReplyError && (AUTH_CODES.has(error.code) || /invalid password|invalid username-password/i.test(error.message));
}

// The server's text never contains the password, so it is safe to keep as the message.
function authError(error: ReplyError, address: string): AuthError {
  return new AuthError(`authentication to ${address} failed: ${error.message}`, address, error);
}
