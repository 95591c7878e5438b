/**
 * `error.type` per the conventions: the server's error code for a reply error (WRONGTYPE, MOVED ...),
 * else the error's class name (TimeoutError, ConnectionError ...). Read from the error's fields, not
 * by instanceof: the ESM and CommonJS builds each have their own error classes.
 */
export function errorType(error: Error): string {
  return isReplyError(error) ? error.code : error.name || 'Error';
}

/** The server's code for a reply error, for `db.response.status_code`; undefined for anything else. */
export function responseStatusCode(error: Error): string | undefined {
  return isReplyError(error) ? error.code : undefined;
}

/** The client's own codes all start `ERR_`; a server's (ERR, WRONGTYPE, MOVED, NOSCRIPT ...) never do. */
function isReplyError(error: Error): error is Error & { code: string } {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !code.startsWith('ERR_');
}
