import { inspect } from 'node:util';

const HIDDEN = '[hidden]';

/**
 * A value read on purpose (`reveal()`, by the handshake and the dial) and shown nowhere else. The
 * value lives in a `#private` field, which is no property at all: `util.inspect` (even with
 * `showHidden` or `customInspect: false`), `Object.getOwnPropertyNames`, `JSON.stringify` and
 * structured logging cannot reach it; string conversion prints `[hidden]`.
 */
export class Secret<T> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  reveal(): T {
    return this.#value;
  }

  toJSON(): string {
    return HIDDEN;
  }

  toString(): string {
    return HIDDEN;
  }

  [inspect.custom](): string {
    return HIDDEN;
  }
}
