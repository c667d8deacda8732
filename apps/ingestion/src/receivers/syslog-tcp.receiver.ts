import { createServer, Server, Socket } from 'node:net';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Transport } from '@vigie/contracts';
import { VigieConfig } from '@vigie/config';
import { logger } from '@vigie/observability';
import { FramedMessage, SyslogFramer } from '@vigie/syslog';
import { MemberDirectory } from '../members/member-directory';
import { RawPublisher } from './raw-publisher';

/**
 * Syslog over TCP (RFC 6587, framing detected per connection). A connection
 * stops being read while the bus is saturated, so memory stays bounded.
 */
@Injectable()
export class SyslogTcpReceiver implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = logger('SyslogTcpReceiver');
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  address?: { host: string; port: number };

  constructor(
    private readonly config: VigieConfig,
    private readonly publisher: RawPublisher,
    private readonly members: MemberDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.get('syslog.tcpPort');
    if (port === 0) return;
    const host = this.config.get('syslog.host');
    this.server = createServer((socket) => this.handle(socket, 'tcp'));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    const a = this.server.address();
    if (a && typeof a === 'object') this.address = { host: a.address, port: a.port };
    this.log.info(this.address, 'syslog TCP listening');
  }

  /** Shared with the TLS receiver. */
  handle(socket: Socket, transport: Transport, memberFromCert?: string): void {
    this.sockets.add(socket);
    const peer = { ip: socket.remoteAddress?.replace(/^::ffff:/, '') ?? '0.0.0.0', port: socket.remotePort };
    const member = memberFromCert ?? this.members.attribute(peer.ip);
    const framer = new SyslogFramer({ maxMessageSize: this.config.get('syslog.maxMessageSize') });
    const emit = (frames: FramedMessage[]) => {
      for (const f of frames) {
        this.publisher.accept(
          {
            receivedAt: new Date().toISOString(),
            transport,
            peer,
            member,
            raw: f.message,
            ...(f.truncated ? { truncated: true } : {}),
          },
          f.bytes.length,
        );
      }
    };
    socket.on('data', (chunk: Buffer) => {
      emit(framer.push(chunk));
      if (this.publisher.saturated) {
        socket.pause();
        void this.publisher.waitForDrain().then(() => socket.resume());
      }
    });
    socket.on('end', () => emit(framer.flush()));
    socket.on('error', (e) => {
      this.publisher.countError(transport, 'connection_error');
      this.log.debug({ error: e.message, peer }, 'connection error');
    });
    socket.on('close', () => this.sockets.delete(socket));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const s of this.sockets) s.end();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
