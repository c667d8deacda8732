import type { Socket } from 'node:net';
import { Injectable } from '@nestjs/common';
import { Transport } from '@vigie/contracts';
import { VigieConfig } from '@vigie/config';
import { logger } from '@vigie/observability';
import { FramedMessage, SyslogFramer } from '@vigie/syslog';
import { MemberDirectory } from '../members/member-directory';
import { RawPublisher } from './raw-publisher';

/** The sender's address as the receivers record it (IPv4-mapped IPv6 shown as IPv4). */
export function peerOf(socket: Socket): { ip: string; port?: number } {
  return { ip: socket.remoteAddress?.replace(/^::ffff:/, '') ?? '0.0.0.0', port: socket.remotePort };
}

/**
 * Reads syslog frames from one stream connection (TCP or TLS; RFC 6587
 * framing detected per connection) and hands them to the publisher. The
 * connection stops being read while the bus is saturated, so memory stays
 * bounded.
 */
@Injectable()
export class SyslogStreamHandler {
  private readonly log = logger('SyslogStreamHandler');
  private readonly sockets = new Map<Transport, Set<Socket>>();

  constructor(
    private readonly config: VigieConfig,
    private readonly publisher: RawPublisher,
    private readonly members: MemberDirectory,
  ) {}

  /** Open connections of a transport. */
  connections(transport: Transport): number {
    return this.sockets.get(transport)?.size ?? 0;
  }

  /**
   * @param memberFromCert the member named by a verified client certificate;
   *   it wins over the source address.
   */
  handle(socket: Socket, transport: Transport, memberFromCert?: string): void {
    let open = this.sockets.get(transport);
    if (!open) this.sockets.set(transport, (open = new Set()));
    open.add(socket);
    const peer = peerOf(socket);
    const member = memberFromCert ?? this.members.attribute(peer.ip);
    const framer = new SyslogFramer({ maxMessageSize: this.config.get('syslog.maxMessageSize') });
    const emit = (frames: FramedMessage[]) => {
      const receivedAt = new Date().toISOString();
      for (const f of frames) {
        this.publisher.accept(
          { receivedAt, transport, peer, member, raw: f.message, ...(f.truncated ? { truncated: true } : {}) },
          f.bytes.length,
        );
      }
    };
    socket.on('data', (chunk: Buffer) => {
      emit(framer.push(chunk));
      if (this.publisher.saturated && !socket.isPaused()) {
        socket.pause();
        void this.publisher.waitForDrain().then(() => socket.resume());
      }
    });
    socket.on('end', () => emit(framer.flush()));
    socket.on('error', (e) => {
      this.publisher.countError(transport, 'connection_error');
      this.log.debug({ error: e.message, peer, transport }, 'connection error');
    });
    socket.on('close', () => open.delete(socket));
  }

  /** Ends every open connection of `transport` (at shutdown): what was received is still published. */
  endAll(transport: Transport): void {
    for (const s of this.sockets.get(transport) ?? []) s.end();
  }
}
