import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { Principal, RequestContext } from '@vigie/auth';
import { loadConfig, Profile, VigieConfig } from '@vigie/config';

/** What commands share: lazily loaded configuration and output streams. */
export class CliContext {
  private cached?: VigieConfig;

  constructor(private readonly profile: () => Profile) {}

  config(): VigieConfig {
    this.cached ??= loadConfig({ profile: this.profile() });
    return this.cached;
  }

  /** Who writes when a command changes data: the audit trail names the OS user. */
  principal(): Principal {
    let user = 'unknown';
    try {
      user = userInfo().username;
    } catch {
      /* no passwd entry */
    }
    return { kind: 'system', id: 'cli', name: `cli:${user}`, roles: ['admin'], members: 'all' };
  }

  /** Run a command body with the CLI principal in the request context (audit records name it). */
  asCli<T>(fn: () => Promise<T>): Promise<T> {
    return RequestContext.run({ requestId: `cli-${randomUUID()}`, principal: this.principal() }, fn);
  }

  out(text: string): void {
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }

  err(text: string): void {
    process.stderr.write(text.endsWith('\n') ? text : text + '\n');
  }
}
