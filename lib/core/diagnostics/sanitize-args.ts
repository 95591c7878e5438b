import type { RespArg } from '../resp/types';

/** Shown instead of every argument that is not a key: values may be secrets (AUTH, SET of a token). */
export const HIDDEN_ARG = '?';

/** `[name, key..., '?'...]`: argv with the command name and the keys at `keyIndices` kept, the rest hidden. */
export function sanitizeArgs(name: string, args: readonly RespArg[], keyIndices: readonly number[]): string[] {
  const out = new Array<string>(args.length);
  out[0] = name;
  for (let i = 1; i < args.length; i++) out[i] = HIDDEN_ARG;
  for (const i of keyIndices) out[i] = argText(args[i]);
  return out;
}

function argText(arg: RespArg): string {
  return Buffer.isBuffer(arg) ? arg.toString('utf8') : String(arg);
}
