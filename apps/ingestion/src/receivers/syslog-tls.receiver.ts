import { readFileSync } from 'node:fs';
import { createServer, Server, TLSSocket } from 'node:tls';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { VigieConfig } from '@vigie/config';
import { logger } from '@vigie/observability';
import { MemberDirectory } from '../members/member-directory';
import { ClientMemberRule, memberFromCertificate, parseClientMemberRules } from './client-cert-member';
import { RawPublisher } from './raw-publisher';
import { SyslogStreamHandler } from './syslog-stream.handler';

/** The TLS receiver's settings are inconsistent or its files cannot be read. */
export class TlsReceiverConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsReceiverConfigError';
  }
}

/**
 * Syslog over TLS (RFC 5425): the same framing as TCP inside a TLS session.
 * With `syslog.tlsCa` set, clients are asked for a certificate; a verified
 * one may name the member (see client-cert-member.ts), which then wins over
 * the source address. With `syslog.tlsRequireClientCert`, clients without a
 * valid certificate are refused during the handshake.
 */
@Injectable()
export class SyslogTlsReceiver implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = logger('SyslogTlsReceiver');
  private server?: Server;
  private rules: ClientMemberRule[] = [];
  address?: { host: string; port: number };

  constructor(
    private readonly config: VigieConfig,
    private readonly stream: SyslogStreamHandler,
    private readonly publisher: RawPublisher,
    private readonly members: MemberDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.get('syslog.tlsPort');
    const certFile = this.config.maybe('syslog.tlsCert');
    const keyFile = this.config.maybe('syslog.tlsKey');
    const caFile = this.config.maybe('syslog.tlsCa');
    const requireClientCert = this.config.get('syslog.tlsRequireClientCert');
    if (port === 0) return;
    if (!certFile && !keyFile) {
      this.log.info({ port }, 'syslog TLS off: set syslog.tlsCert and syslog.tlsKey to turn it on');
      return;
    }
    if (!certFile || !keyFile) {
      throw new TlsReceiverConfigError('syslog TLS: set both syslog.tlsCert and syslog.tlsKey (or neither)');
    }
    if (requireClientCert && !caFile) {
      throw new TlsReceiverConfigError('syslog TLS: syslog.tlsRequireClientCert needs syslog.tlsCa');
    }
    this.rules = parseClientMemberRules(this.config.get('syslog.tlsClientMembers') ?? []);
    const read = (setting: string, file: string) => {
      try {
        return readFileSync(file);
      } catch (e) {
        throw new TlsReceiverConfigError(`syslog TLS: cannot read ${setting} ${file}: ${(e as Error).message}`);
      }
    };
    this.server = createServer(
      {
        cert: read('syslog.tlsCert', certFile),
        key: read('syslog.tlsKey', keyFile),
        ca: caFile ? read('syslog.tlsCa', caFile) : undefined,
        requestCert: Boolean(caFile),
        rejectUnauthorized: requireClientCert,
        minVersion: 'TLSv1.2',
      },
      (socket) => this.onConnection(socket),
    );
    this.server.on('tlsClientError', (e) => {
      this.publisher.countError('tls', 'handshake_failed');
      this.log.debug({ error: e.message }, 'TLS handshake failed');
    });
    const host = this.config.get('syslog.host');
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => {
        this.server!.off('error', reject);
        resolve();
      });
    });
    const a = this.server.address();
    if (a && typeof a === 'object') this.address = { host: a.address, port: a.port };
    this.log.info({ ...this.address, clientCerts: requireClientCert ? 'required' : caFile ? 'optional' : 'off' }, 'syslog TLS listening');
  }

  /** The member a verified client certificate names, if any. */
  memberOf(socket: TLSSocket): string | undefined {
    if (!socket.authorized) return undefined;
    const cert = socket.getPeerCertificate();
    return memberFromCertificate(cert, this.rules, (code) => this.members.info(code) !== undefined);
  }

  private onConnection(socket: TLSSocket): void {
    this.stream.handle(socket, 'tls', this.memberOf(socket));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stream.endAll('tls');
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
