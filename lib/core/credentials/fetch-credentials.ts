import { CredentialsError } from '../errors/credentials-error';
import { Secret } from '../options/secret';
import type { CredentialsProvider } from './credentials';

/** Credentials as the handshake and AUTH use them: the password only ever inside a Secret. */
export interface ResolvedCredentials {
  username: string | undefined;
  password: Secret<string>;
}

/**
 * Asks the provider once, within `timeoutMs`. Whatever goes wrong (a rejection, a throw, a wrong
 * shape, no answer in time) is a CredentialsError naming `address`, with the provider's error as
 * the cause; never the returned values, which may be the secret itself.
 */
export function fetchCredentials(provider: CredentialsProvider, address: string, timeoutMs: number): Promise<ResolvedCredentials> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new CredentialsError(`credentialsProvider did not answer within ${timeoutMs} ms (dialTimeout) for ${address}`, address)),
      timeoutMs,
    );
    let answer: Promise<unknown>;
    try {
      answer = Promise.resolve(provider());
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (value) => {
        clearTimeout(timer);
        const credentials = validate(value);
        if (credentials === undefined) {
          reject(
            new CredentialsError(
              `credentialsProvider returned no usable credentials for ${address}: expected { username?: non-empty string, password: non-empty string }`,
              address,
            ),
          );
        } else resolve(credentials);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(new CredentialsError(`credentialsProvider failed for ${address}: ${messageOf(error)}`, address, error));
      },
    );
  });
}

function validate(value: unknown): ResolvedCredentials | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { username, password } = value as { username?: unknown; password?: unknown };
  if (typeof password !== 'string' || password.length === 0) return undefined;
  if (username !== undefined && (typeof username !== 'string' || username.length === 0)) return undefined;
  return { username, password: new Secret(password) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'rejected without an Error';
}
