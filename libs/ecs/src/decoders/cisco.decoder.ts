import type { DecodedFields } from '../ecs-document';
import type { Decoder } from './decoder';

const MNEMONIC_RE = /^%([A-Z0-9_]+(?:-[A-Z0-9_]+)?)-([0-7])-([A-Z0-9_]+): ?([\s\S]*)$/;

/** Cisco IOS / ASA `%FACILITY-SEVERITY-MNEMONIC: text` messages (header only; the text stays in `message`). */
export function decodeCiscoMnemonic(message: string): DecodedFields | undefined {
  const m = MNEMONIC_RE.exec(message);
  if (!m) return undefined;
  const [, facility, , mnemonic, text] = m;
  const asa = facility!.startsWith('ASA') || facility!.startsWith('FTD') || facility!.startsWith('PIX');
  return {
    event: {
      module: 'cisco',
      dataset: asa ? 'cisco.asa' : 'cisco.ios',
      code: `${facility}-${m[2]}-${mnemonic}`,
      action: mnemonic!.toLowerCase(),
    },
    observer: { vendor: 'Cisco', product: asa ? 'ASA' : 'IOS', type: asa ? 'firewall' : 'network' },
    cisco: { ios: { facility: facility, message_code: mnemonic } },
    message: text,
  };
}

export const ciscoDecoder: Decoder = {
  name: 'cisco',
  sniff: (message) => message.charCodeAt(0) === 37 /* % */,
  decode: ({ message }) => decodeCiscoMnemonic(message),
};
