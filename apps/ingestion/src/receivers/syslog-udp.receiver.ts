import { createSocket, Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { VigieConfig } from '@vigie/config';
import { logger, Metrics } from '@vigie/observability';
import { MemberDirectory } from '../members/member-directory';
import { cutBuffer } from './cut-message';
import { RawPublisher } from './raw-publisher';

/** Syslog over UDP: one datagram, one message. Drops (bus saturated) are counted, never silent. */
@Injectable()
export class SyslogUdpReceiver implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = logger('SyslogUdpReceiver');
  private socket?: Socket;
  private readonly drops;
  address?: { host: string; port: number };

  constructor(
    private readonly config: VigieConfig,
    private readonly publisher: RawPublisher,
    private readonly members: MemberDirectory,
    metrics: Metrics,
  ) {
    this.drops = metrics.counter('vigie_receiver_udp_dropped_total', 'UDP datagrams dropped because the bus was saturated');
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.get('syslog.udpPort');
    if (port === 0) return;
    const host = this.config.get('syslog.host');
    const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', recvBufferSize: 8 * 1024 * 1024 });
    const max = this.config.get('syslog.maxMessageSize');
    socket.on('message', (msg, rinfo) => {
      if (this.publisher.saturated) {
        this.drops.inc();
        return;
      }
      const truncated = msg.length > max;
      const body = truncated ? cutBuffer(msg, max) : msg;
      const raw = body.toString('utf8').replace(/[\r\n]+$/, '');
      if (!raw) return;
      this.publisher.accept(
        {
          receivedAt: new Date().toISOString(),
          transport: 'udp',
          peer: { ip: rinfo.address, port: rinfo.port },
          member: this.members.attribute(rinfo.address),
          raw,
          ...(truncated ? { truncated: true } : {}),
        },
        msg.length,
      );
    });
    socket.on('error', (e) => {
      this.publisher.countError('udp', 'socket_error');
      this.log.error({ error: e.message }, 'UDP socket error');
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    this.socket = socket;
    const a = socket.address();
    this.address = { host: a.address, port: a.port };
    this.log.info(this.address, 'syslog UDP listening');
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.socket ? this.socket.close(() => resolve()) : resolve()));
  }
}
