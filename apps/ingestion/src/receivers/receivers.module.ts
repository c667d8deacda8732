import { Module } from '@nestjs/common';
import { MemberDirectory } from '../members/member-directory';
import { IngestController } from './ingest.controller';
import { RawPublisher } from './raw-publisher';
import { SyslogStreamHandler } from './syslog-stream.handler';
import { SyslogTcpReceiver } from './syslog-tcp.receiver';
import { SyslogTlsReceiver } from './syslog-tls.receiver';
import { SyslogUdpReceiver } from './syslog-udp.receiver';

@Module({
  controllers: [IngestController],
  providers: [MemberDirectory, RawPublisher, SyslogStreamHandler, SyslogUdpReceiver, SyslogTcpReceiver, SyslogTlsReceiver],
  exports: [MemberDirectory, RawPublisher, SyslogUdpReceiver, SyslogTcpReceiver, SyslogTlsReceiver],
})
export class ReceiversModule {}
