import type { SyslogMessage } from '@vigie/syslog';
import type { DecodedFields } from '../ecs-document';

export interface DecoderInput {
  /** Syslog payload (MSG / CONTENT). */
  message: string;
  syslog: SyslogMessage;
  /** IANA zone for payload times without an offset. */
  timeZone: string;
}

/**
 * One payload format. `decode` returns undefined when the payload is not its format; it must not throw
 * on garbage (the normaliser turns a throw into a DecoderError for dead-lettering).
 */
export interface Decoder {
  readonly name: string;
  /** Lower-case syslog APP-NAME / TAG values this decoder is tried first for. */
  readonly programs?: readonly string[];
  /** Cheap content test used when no program matched. */
  sniff?(message: string): boolean;
  decode(input: DecoderInput): DecodedFields | undefined;
}
