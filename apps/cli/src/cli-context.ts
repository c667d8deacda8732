import { loadConfig, Profile, VigieConfig } from '@vigie/config';

/** What commands share: lazily loaded configuration and output streams. */
export class CliContext {
  private cached?: VigieConfig;

  constructor(private readonly profile: () => Profile) {}

  config(): VigieConfig {
    this.cached ??= loadConfig({ profile: this.profile() });
    return this.cached;
  }

  out(text: string): void {
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }

  err(text: string): void {
    process.stderr.write(text.endsWith('\n') ? text : text + '\n');
  }
}
