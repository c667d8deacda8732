import 'reflect-metadata';
import { bootstrap } from '@vigie/core';
import { SyslogTcpReceiver } from '@vigie/ingestion/receivers/syslog-tcp.receiver';
import { SyslogUdpReceiver } from '@vigie/ingestion/receivers/syslog-udp.receiver';
import { EmbeddedAppModule } from './app.module';

/** `npm start`: everything in one process on PGlite, the in-process bus and the Postgres event store. */
async function main(): Promise<void> {
  const started = Date.now();
  const { app, config } = await bootstrap({
    name: 'vigie',
    profile: 'embedded',
    module: (c, m) => EmbeddedAppModule.forRoot(c, m),
  });
  const udp = app.get(SyslogUdpReceiver).address;
  const tcp = app.get(SyslogTcpReceiver).address;
  const host = config.get('http.host') === '0.0.0.0' ? 'localhost' : config.get('http.host');
  const base = `http://${host}:${config.get('http.port')}`;
  const lines = [
    '',
    `  Vigie is running (embedded, ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    '',
    `  Console        ${base}/`,
    `  API            ${base}/api/v1`,
    `  API docs       ${base}/api/docs`,
    `  Health         ${base}/health   ${base}/ready   ${base}/metrics`,
    `  Syslog         ${udp ? `udp/${udp.port}` : 'udp off'}  ${tcp ? `tcp/${tcp.port}` : 'tcp off'}`,
    `  Database       PGlite in ${config.get('database.dataDir')}`,
    `  Bus            in-process    Event store: ${config.get('events.store')}`,
    '',
    '  Stop with Ctrl-C. Settings: see README (VIGIE_* variables).',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((e) => {
  process.stderr.write(`vigie: failed to start: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
