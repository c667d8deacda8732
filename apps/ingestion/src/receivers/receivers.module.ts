import { Module } from '@nestjs/common';
import { MemberDirectory } from '../members/member-directory';
import { RawPublisher } from './raw-publisher';
import { SyslogTcpReceiver } from './syslog-tcp.receiver';
import { SyslogUdpReceiver } from './syslog-udp.receiver';

@Module({
  providers: [MemberDirectory, RawPublisher, SyslogUdpReceiver, SyslogTcpReceiver],
  exports: [MemberDirectory, RawPublisher, SyslogUdpReceiver, SyslogTcpReceiver],
})
export class ReceiversModule {}
