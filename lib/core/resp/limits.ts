import { InvalidOptionError } from '../errors/invalid-option-error';
import { DEFAULT_DECODER_LIMITS, type DecoderLimits } from './types';

const NAMES = Object.keys(DEFAULT_DECODER_LIMITS) as Array<keyof DecoderLimits>;
const MAX = Number.MAX_SAFE_INTEGER;

/** Fills unset limits from the defaults and rejects values that would disable a bound by accident. */
export function resolveDecoderLimits(limits: Partial<DecoderLimits> | undefined): DecoderLimits {
  const resolved = { ...DEFAULT_DECODER_LIMITS };
  for (const name of NAMES) {
    const value = limits?.[name] ?? DEFAULT_DECODER_LIMITS[name];
    // Safe integers only: lengths are compared after parsing, and NaN or Infinity would make every check pass.
    if (!(typeof value === 'number' && value >= 1 && value <= MAX && value % 1 === 0)) {
      throw new InvalidOptionError(name, 'a positive safe integer', value);
    }
    resolved[name] = value;
  }
  return resolved;
}
