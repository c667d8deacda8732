/** A message cut out of a stream. */
export interface Frame {
  message: Buffer;
  truncated: boolean;
}

/**
 * Splits a syslog TCP stream into messages. The framing is detected from the
 * first byte of the connection: a digit means RFC 6587 octet counting
 * (`LEN SP MSG`), anything else LF-terminated non-transparent framing. A
 * message longer than `maxSize` is cut and flagged, never dropped.
 */
export class StreamFramer {
  private mode?: 'octet' | 'lf';
  private buffer: Buffer = Buffer.alloc(0);
  /** Bytes of an oversized LF message still to skip up to its newline. */
  private skipping = false;
  /** Octet-counted bytes of an oversized frame still to discard. */
  private discard = 0;

  constructor(private readonly maxSize: number) {}

  push(chunk: Buffer): Frame[] {
    const out: Frame[] = [];
    let data = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.buffer = Buffer.alloc(0);
    while (data.length) {
      if (this.discard > 0) {
        const n = Math.min(this.discard, data.length);
        this.discard -= n;
        data = data.subarray(n);
        continue;
      }
      if (!this.mode) this.mode = data[0] >= 0x30 && data[0] <= 0x39 ? 'octet' : 'lf';
      if (this.mode === 'octet') {
        const space = data.indexOf(0x20);
        if (space < 0) {
          if (data.length > 10) {
            // Not octet counting after all: fall back to LF framing.
            this.mode = 'lf';
            continue;
          }
          break;
        }
        const lenText = data.subarray(0, space).toString('latin1');
        if (!/^\d{1,10}$/.test(lenText)) {
          this.mode = 'lf';
          continue;
        }
        const len = Number(lenText);
        const body = data.subarray(space + 1);
        if (len > this.maxSize) {
          if (body.length < this.maxSize) break;
          out.push({ message: Buffer.from(body.subarray(0, this.maxSize)), truncated: true });
          const consumed = Math.min(len, body.length);
          this.discard = len - consumed;
          data = body.subarray(consumed);
          continue;
        }
        if (body.length < len) break;
        out.push({ message: Buffer.from(body.subarray(0, len)), truncated: false });
        data = body.subarray(len);
        // Octet counting may be followed by LF framing on misbehaving senders; stay per-frame.
        if (data.length && !(data[0] >= 0x30 && data[0] <= 0x39)) {
          if (data[0] === 0x0a || data[0] === 0x0d) data = data.subarray(1);
        }
        continue;
      }
      const nl = data.indexOf(0x0a);
      if (this.skipping) {
        if (nl < 0) return out;
        this.skipping = false;
        data = data.subarray(nl + 1);
        continue;
      }
      if (nl < 0) {
        if (data.length > this.maxSize) {
          out.push({ message: Buffer.from(data.subarray(0, this.maxSize)), truncated: true });
          this.skipping = true;
          return out;
        }
        break;
      }
      let line = data.subarray(0, nl);
      if (line.length && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
      if (line.length > this.maxSize) out.push({ message: Buffer.from(line.subarray(0, this.maxSize)), truncated: true });
      else if (line.length) out.push({ message: Buffer.from(line), truncated: false });
      data = data.subarray(nl + 1);
    }
    this.buffer = Buffer.from(data);
    return out;
  }

  /** At end of stream: whatever is left is a last message. */
  end(): Frame[] {
    if (!this.buffer.length || this.skipping) return [];
    const rest = this.buffer;
    this.buffer = Buffer.alloc(0);
    if (this.mode === 'octet') {
      const space = rest.indexOf(0x20);
      const body = space >= 0 ? rest.subarray(space + 1) : rest;
      return body.length ? [{ message: body.subarray(0, this.maxSize), truncated: true }] : [];
    }
    return [{ message: rest.subarray(0, this.maxSize), truncated: rest.length > this.maxSize }];
  }
}
