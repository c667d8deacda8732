import type { DecodedFields } from '../ecs-document';
import { accessLogDecoder } from './access-log.decoder';
import { cefDecoder } from './cef.decoder';
import { ciscoDecoder } from './cisco.decoder';
import type { Decoder, DecoderInput } from './decoder';
import { fortigateDecoder } from './fortigate.decoder';
import { iptablesDecoder } from './iptables.decoder';
import { jsonDecoder } from './json.decoder';
import { leefDecoder } from './leef.decoder';
import { pamDecoder } from './pam.decoder';
import { pfsenseDecoder } from './pfsense.decoder';
import { sshdDecoder } from './sshd.decoder';
import { stormshieldDecoder } from './stormshield.decoder';
import { suDecoder } from './su.decoder';
import { sudoDecoder } from './sudo.decoder';
import { userManagementDecoder } from './user-management.decoder';
import { windowsDecoder } from './windows.decoder';

/** Content-sniffing order when the program did not select a decoder: most specific first, JSON last. */
export const DECODERS: readonly Decoder[] = [
  windowsDecoder,
  cefDecoder,
  leefDecoder,
  stormshieldDecoder,
  fortigateDecoder,
  iptablesDecoder,
  sudoDecoder,
  userManagementDecoder,
  pamDecoder,
  sshdDecoder,
  pfsenseDecoder,
  suDecoder,
  accessLogDecoder,
  ciscoDecoder,
  jsonDecoder,
];

const SSHD_SNIFF =
  /^(?:Accepted \S+ for |Failed \S+ for |Invalid user |Disconnected from |Connection closed by |Received disconnect from |error: maximum authentication)/;

const byProgram = new Map<string, Decoder[]>();
for (const d of DECODERS) {
  for (const p of d.programs ?? []) {
    const list = byProgram.get(p) ?? [];
    list.push(d);
    byProgram.set(p, list);
  }
}

function sniff(d: Decoder, message: string): boolean {
  if (d === sshdDecoder) return SSHD_SNIFF.test(message);
  return d.sniff ? d.sniff(message) : false;
}

/** Thrown when a decoder failed unexpectedly; the worker dead-letters the message with `reason = decoder_error`. */
export class DecoderError extends Error {
  override readonly name = 'DecoderError';
  readonly reason = 'decoder_error';
  constructor(
    readonly decoder: string,
    override readonly cause: unknown,
  ) {
    super(`decoder ${decoder} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

function run(d: Decoder, input: DecoderInput): DecodedFields | undefined {
  try {
    return d.decode(input);
  } catch (err) {
    throw new DecoderError(d.name, err);
  }
}

/** Picks a decoder (program first, then content sniffing) and decodes; undefined when none recognised the payload. */
export function decodePayload(input: DecoderInput): { decoder: string; fields: DecodedFields } | undefined {
  const program = input.syslog.appName?.toLowerCase();
  const tried = program ? byProgram.get(program) : undefined;
  if (tried) {
    for (const d of tried) {
      const fields = run(d, input);
      if (fields) return { decoder: d.name, fields };
    }
  }
  const message = input.message;
  if (message.length === 0) return undefined;
  for (const d of DECODERS) {
    if (tried?.includes(d) || !sniff(d, message)) continue;
    const fields = run(d, input);
    if (fields) return { decoder: d.name, fields };
  }
  return undefined;
}
