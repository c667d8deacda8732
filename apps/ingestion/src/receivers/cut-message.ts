/** A message as one receiver hands it on: at most `max` bytes, flagged when cut. */
export interface CutMessage {
  raw: string;
  /** Bytes received for this message (before cutting). */
  bytes: number;
  truncated: boolean;
}

/**
 * Cuts `text` to at most `max` UTF-8 bytes, never inside a character, and
 * says whether it was cut. A longer message is kept (cut), never dropped.
 */
export function cutMessage(text: string, max: number): CutMessage {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= max) return { raw: text, bytes, truncated: false };
  return { raw: cutBuffer(Buffer.from(text, 'utf8'), max).toString('utf8'), bytes, truncated: true };
}

/** The first `max` bytes of `buf` or fewer, so as not to end inside a UTF-8 character. */
export function cutBuffer(buf: Buffer, max: number): Buffer {
  if (buf.length <= max) return buf;
  let end = max;
  // Step back over continuation bytes (10xxxxxx) so a multi-byte character is not split.
  for (let back = 0; back < 3 && end > 0 && (buf[end] & 0xc0) === 0x80; back++) end--;
  return buf.subarray(0, end);
}
