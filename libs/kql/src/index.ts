export { parseKql } from './kql-parser';
export { kqlToString } from './kql-printer';
export { KqlSyntaxError } from './kql-syntax.error';
export { MAX_DEPTH, MAX_QUERY_LENGTH, type KqlFieldType, type KqlOptions } from './kql-options';
