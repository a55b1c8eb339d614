export * from './DecodedCode';
export { decodeCode, type DecodeOptions } from './decodeCode';
export { citizenIdFacts } from './cccd';
export { decodeHexUtf8 } from './personalCodes';
