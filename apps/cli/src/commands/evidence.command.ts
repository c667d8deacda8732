import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { AuditTrail } from '@vigie/audit';
import { memberScope, RequestContext } from '@vigie/auth';
import { createEventStore } from '@vigie/core';
import { verifyBundle, VerificationReport } from '@vigie/evidence';
import { EvidenceBundleService } from '@vigie/registry/evidence/evidence-bundle.service';
import { CliContext } from '../cli-context';
import { openDatabase } from './database';

export function printReport(ctx: Pick<CliContext, 'out' | 'err'>, file: string, r: VerificationReport): void {
  if (r.manifest)
    ctx.out(
      `bundle: ${r.manifest.period.from} to ${r.manifest.period.to}, scope ${r.manifest.scope.members === 'all' ? 'all members' : r.manifest.scope.members.join(', ')}, created ${r.manifest.createdAt} by ${r.manifest.createdBy}`,
    );
  ctx.out(
    `signature: ${r.signature} (${r.keySource === 'given' ? 'key given with --public-key' : 'key shipped in the bundle: proves integrity, not origin; pass --public-key to check origin'})`,
  );
  ctx.out(`files checked: ${r.checked}`);
  if (r.ok) ctx.out(`OK: ${file} is intact`);
  else for (const p of r.problems) ctx.err(`FAILED: ${p}`);
}

/** `evidence export` (needs the database) and `evidence verify` (offline: no database, no network). */
export function evidenceCommand(ctx: CliContext): Command {
  const cmd = new Command('evidence').description('Signed evidence bundles for auditors');
  cmd
    .command('export')
    .description('Build a signed evidence bundle for a period and one member or all')
    .requiredOption('--from <date>', 'start of the period, ISO 8601 (inclusive)')
    .requiredOption('--to <date>', 'end of the period, ISO 8601 (exclusive)')
    .option('--member <code>', 'one member (default: all)')
    .requiredOption('--out <file>', 'the ZIP to write')
    .action(async (opts: { from: string; to: string; member?: string; out: string }) => {
      const config = ctx.config();
      const ds = await openDatabase(config);
      const store = createEventStore(config, ds);
      try {
        const principal = ctx.principal();
        const bundle = await RequestContext.run({ requestId: 'cli-evidence-export', principal }, async () => {
          const audit = new AuditTrail(ds);
          const b = await new EvidenceBundleService(ds, audit, store, undefined, config.maybe('evidence.signingKeyFile')).export(
            {
              from: opts.from,
              to: opts.to,
              member: opts.member,
              scope: memberScope(principal),
              createdBy: principal.name,
            },
            (done, total, step) => process.stderr.write(`\r[${done}/${total}] ${step.padEnd(24)}`),
          );
          process.stderr.write('\n');
          await audit.record({
            action: 'evidence.export_completed',
            entityType: 'evidence_export',
            entityId: null,
            member: opts.member ?? null,
            details: {
              from: b.manifest.period.from,
              to: b.manifest.period.to,
              files: b.manifest.files.length,
              out: opts.out,
            },
          });
          return b;
        });
        writeFileSync(opts.out, bundle.zip);
        const empty = bundle.manifest.items.filter((i) => i.status === 'no-data').map((i) => i.id);
        ctx.out(
          `wrote ${opts.out}: ${bundle.manifest.files.length} files, ${bundle.zip.length} bytes${empty.length ? `; no data: ${empty.join(', ')}` : ''}`,
        );
      } finally {
        await store.close().catch(() => undefined);
        await ds.destroy();
      }
    });
  cmd
    .command('verify')
    .description(
      'Check the signature and every file hash of a bundle; exits 1 and names any file changed, added or removed',
    )
    .argument('<file>', 'the bundle ZIP')
    .option(
      '--public-key <pem>',
      'the signer public key (PEM file) to check origin; default: the key inside the bundle',
    )
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { publicKey?: string; json?: boolean }) => {
      const key = opts.publicKey ? readFileSync(opts.publicKey, 'utf8') : undefined;
      const report = await verifyBundle(readFileSync(file), key);
      if (opts.json) ctx.out(JSON.stringify(report));
      else printReport(ctx, file, report);
      if (!report.ok) process.exitCode = 1;
    });
  return cmd;
}
