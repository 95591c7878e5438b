import { AskError } from './ask-error';
import { MovedError } from './moved-error';
import { ReplyError } from './reply-error';

const MAX_SLOT = 16383;

/**
 * Turns the text of an error reply into a typed error, once, at the protocol boundary.
 * MOVED/ASK are validated: a redirect with a slot outside 0..16383 or an unusable address stays a
 * plain ReplyError, so the router never dials an address it could not parse.
 */
export function parseReplyError(text: string): ReplyError {
  const space = text.indexOf(' ');
  const code = space === -1 ? text : text.slice(0, space);
  if (code === 'MOVED' || code === 'ASK') {
    const redirect = parseRedirect(text, space);
    if (redirect) {
      const [slot, host, port] = redirect;
      return code === 'MOVED' ? new MovedError(text, slot, host, port) : new AskError(text, slot, host, port);
    }
  }
  return new ReplyError(isCode(code) ? code : 'ERR', text);
}

function parseRedirect(text: string, space: number): [number, string, number] | undefined {
  const parts = text.slice(space + 1).split(' ');
  if (parts.length !== 2 || !/^\d{1,5}$/.test(parts[0])) return undefined;
  const slot = Number(parts[0]);
  const address = parts[1];
  const colon = address.lastIndexOf(':');
  if (slot > MAX_SLOT || colon === -1) return undefined;
  const portText = address.slice(colon + 1);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535) return undefined;
  // An empty host ("MOVED 1 :6380") means "the host you are already talking to"; the router fills it in.
  const host = address.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return [slot, host, port];
}

function isCode(word: string): boolean {
  return word.length > 0 && word.length <= 32 && /^[A-Z][A-Z_-]*$/.test(word);
}
