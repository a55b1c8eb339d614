export * from './DecodedCode';
export { decodeCode, ENROLLMENT_PREFIX, type DecodeOptions } from './decodeCode';
export { citizenIdFacts } from './cccd';
export { decodeHexUtf8 } from './personalCodes';
