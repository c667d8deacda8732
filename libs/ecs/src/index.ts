export * from './ecs-document';
export { ECS_FIELD_TYPES, ECS_DYNAMIC_KEYWORD_PREFIXES, type EcsFieldType } from './ecs-field-types';
export { normalise, eventId, NormaliseTags, type NormaliseOptions } from './normalise';
export { DecoderError, DECODERS, decodePayload } from './decoders/decoder-registry';
export type { Decoder, DecoderInput } from './decoders/decoder';
