import { createServer, Server, Socket } from 'node:net';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Transport } from '@vigie/contracts';
import { VigieConfig } from '@vigie/config';
import { logger } from '@vigie/observability';
import { SyslogStreamHandler } from './syslog-stream.handler';

/**
 * Syslog over TCP (RFC 6587, framing detected per connection). A connection
 * stops being read while the bus is saturated, so memory stays bounded.
 */
@Injectable()
export class SyslogTcpReceiver implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = logger('SyslogTcpReceiver');
  private server?: Server;
  address?: { host: string; port: number };

  constructor(
    private readonly config: VigieConfig,
    private readonly stream: SyslogStreamHandler,
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

  /** Reads one stream connection; see {@link SyslogStreamHandler.handle}. */
  handle(socket: Socket, transport: Transport, memberFromCert?: string): void {
    this.stream.handle(socket, transport, memberFromCert);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stream.endAll('tcp');
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
