export { RespDecoder } from './decoder';
export { encodeCommand } from './encoder';
export { DEFAULT_DECODER_LIMITS, type DecoderHandlers, type DecoderLimits, type RespArg, type RespMap, type RespValue } from './types';
