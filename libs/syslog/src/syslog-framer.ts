/** How a TCP stream delimits syslog messages (RFC 6587). */
export type FramingMode = 'auto' | 'octet-counting' | 'non-transparent';

export interface SyslogFramerOptions {
  /** Largest message kept, in bytes; longer ones are cut and flagged. Default 64 KiB. */
  maxMessageSize?: number;
  /** Default `auto`: decided per connection from its first byte (a digit means octet counting). */
  mode?: FramingMode;
}

/** One message taken off the stream. */
export interface FramedMessage {
  /** The message decoded as UTF-8 (invalid sequences replaced by U+FFFD). */
  message: string;
  /** The message bytes (at most `maxMessageSize`). */
  bytes: Buffer;
  /** True when the message was longer than `maxMessageSize` and was cut. */
  truncated: boolean;
}

export const DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024;
const LF = 0x0a;
const NUL = 0x00;
const SP = 0x20;
/** MSG-LEN longer than this many digits cannot be valid; the stream resynchronises on LF. */
const MAX_LEN_DIGITS = 10;

/**
 * Splits a TCP/TLS syslog byte stream into messages, one instance per connection.
 * Octet counting (`MSG-LEN SP MSG`) or non-transparent framing (LF, also NUL, trailing CR dropped)
 * is detected from the first byte. Frames may be split across chunks. Messages over the size limit
 * are cut to the limit and flagged `truncated`, never dropped; the rest of such a frame is skipped.
 */
export class SyslogFramer {
  private readonly max: number;
  private mode: FramingMode;
  private buf: Buffer = Buffer.alloc(0);
  /** Bytes still to skip from an over-long octet-counted frame. */
  private skipBytes = 0;
  /** Skipping the rest of an over-long LF-framed message until its delimiter. */
  private skipToDelimiter = false;

  constructor(options: SyslogFramerOptions = {}) {
    this.max = Math.max(1, options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE);
    this.mode = options.mode ?? 'auto';
  }

  /** The framing in use (`auto` until the first byte was seen). */
  get framing(): FramingMode {
    return this.mode;
  }

  /** Feeds a chunk; returns the messages it completed. */
  push(chunk: Buffer | Uint8Array): FramedMessage[] {
    const out: FramedMessage[] = [];
    let data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (this.skipBytes > 0) {
      const n = Math.min(this.skipBytes, data.length);
      this.skipBytes -= n;
      data = data.subarray(n);
    }
    if (data.length === 0) return out;
    this.buf = this.buf.length === 0 ? data : Buffer.concat([this.buf, data]);
    if (this.mode === 'auto') {
      const first = this.buf[0]!;
      this.mode = first >= 0x31 && first <= 0x39 ? 'octet-counting' : 'non-transparent';
    }
    let pos = 0;
    const buf = this.buf;
    while (pos < buf.length) {
      const consumed =
        this.mode === 'octet-counting' && !this.skipToDelimiter && isDigit(buf[pos]!)
          ? this.readOctetCounted(buf, pos, out)
          : this.readDelimited(buf, pos, out);
      if (consumed < 0) break;
      pos = consumed;
    }
    this.buf = pos >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(pos));
    return out;
  }

  /** Ends the stream: a pending unterminated LF-framed message is returned (an incomplete counted frame too). */
  flush(): FramedMessage[] {
    const out: FramedMessage[] = [];
    if (this.buf.length > 0 && !this.skipToDelimiter) {
      let body = this.buf;
      if (this.mode === 'octet-counting') {
        const sp = body.indexOf(SP);
        if (sp > 0 && sp <= MAX_LEN_DIGITS && body.subarray(0, sp).every(isDigit)) body = body.subarray(sp + 1);
      }
      const cut = body.length > this.max;
      out.push(makeMessage(stripCr(cut ? body.subarray(0, this.max) : body), cut));
    }
    this.buf = Buffer.alloc(0);
    this.skipBytes = 0;
    this.skipToDelimiter = false;
    return out;
  }

  /** Returns the index after the frame, or -1 when more bytes are needed. */
  private readOctetCounted(buf: Buffer, pos: number, out: FramedMessage[]): number {
    let i = pos;
    let len = 0;
    while (i < buf.length && isDigit(buf[i]!) && i - pos < MAX_LEN_DIGITS + 1) {
      len = len * 10 + (buf[i]! - 0x30);
      i++;
    }
    if (i === buf.length) return -1;
    if (buf[i] !== SP || i - pos > MAX_LEN_DIGITS) {
      // Not a valid MSG-LEN: treat this as a LF-delimited message to resynchronise.
      return this.readDelimited(buf, pos, out);
    }
    const start = i + 1;
    const available = buf.length - start;
    if (len > this.max) {
      if (available < this.max) return -1;
      out.push(makeMessage(buf.subarray(start, start + this.max), true));
      const rest = len - this.max;
      const inBuf = Math.min(rest, buf.length - (start + this.max));
      this.skipBytes = rest - inBuf;
      return start + this.max + inBuf;
    }
    if (available < len) return -1;
    out.push(makeMessage(buf.subarray(start, start + len), false));
    // Some senders add a LF after counted frames: skip it.
    let end = start + len;
    if (buf[end] === LF) end++;
    return end;
  }

  private readDelimited(buf: Buffer, pos: number, out: FramedMessage[]): number {
    let end = -1;
    for (let i = pos; i < buf.length; i++) {
      const b = buf[i]!;
      if (b === LF || b === NUL) {
        end = i;
        break;
      }
    }
    if (this.skipToDelimiter) {
      if (end < 0) return buf.length;
      this.skipToDelimiter = false;
      return end + 1;
    }
    if (end < 0) {
      if (buf.length - pos > this.max) {
        out.push(makeMessage(buf.subarray(pos, pos + this.max), true));
        this.skipToDelimiter = true;
        return buf.length;
      }
      return -1;
    }
    const body = stripCr(buf.subarray(pos, end));
    if (body.length > this.max) out.push(makeMessage(body.subarray(0, this.max), true));
    else if (body.length > 0) out.push(makeMessage(body, false));
    return end + 1;
  }
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

function stripCr(b: Buffer): Buffer {
  return b.length > 0 && b[b.length - 1] === 0x0d ? b.subarray(0, b.length - 1) : b;
}

function makeMessage(bytes: Buffer, truncated: boolean): FramedMessage {
  const copy = Buffer.from(bytes);
  return { message: copy.toString('utf8'), bytes: copy, truncated };
}
