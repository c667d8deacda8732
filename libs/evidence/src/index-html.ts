import { controlStatus, Framework } from './framework';
import { ItemStatus, Manifest } from './manifest';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const LABEL = { present: 'evidence present', partial: 'partial', missing: 'missing' } as const;

/**
 * The summary a person reads: the period and scope, each evidence item with its
 * files, then each framework control by control with its status. It holds no
 * creation time, so it is identical for the same data and period.
 */
export function renderIndexHtml(
  m: Pick<Manifest, 'period' | 'scope' | 'items' | 'generator'>,
  frameworks: readonly Framework[],
): string {
  const items = new Map<string, ItemStatus>(m.items.map((i) => [i.id, i.status]));
  const byId = new Map(m.items.map((i) => [i.id, i]));
  const scope = m.scope.members === 'all' ? 'all members' : m.scope.members.join(', ');
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Vigie evidence bundle</title>',
    '<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;text-align:left;vertical-align:top}.present{background:#d9f2d9}.partial{background:#fff2cc}.missing,.no-data{background:#f8d7da}</style>',
    '</head><body>',
    `<h1>Evidence bundle</h1>`,
    `<p>Period: ${esc(m.period.from)} to ${esc(m.period.to)} (UTC). Scope: ${esc(scope)}. Generator: Vigie ${esc(m.generator.version)}.</p>`,
    '<p>Check it offline with <code>vigie evidence verify FILE.zip</code>: the signature in manifest.sig covers manifest.json, which lists every file with its SHA-256.</p>',
    '<h2>Evidence items</h2><table><tr><th>Item</th><th>Status</th><th>Files</th></tr>',
  ];
  for (const i of m.items)
    out.push(
      `<tr><td>${esc(i.title)} <small>(${esc(i.id)})</small></td><td class="${i.status}">${i.status === 'present' ? 'present' : 'no data'}</td><td>${i.files
        .map((f) => `<a href="${esc(f)}">${esc(f)}</a>`)
        .join('<br>')}</td></tr>`,
    );
  out.push('</table>');
  for (const fw of frameworks) {
    out.push(`<h2>${esc(fw.title)}</h2>`);
    for (const s of fw.sections) {
      out.push(
        `<h3>${esc(s.id)}: ${esc(s.title)}</h3><table><tr><th>Control</th><th>Status</th><th>Evidence</th><th>Statement</th></tr>`,
      );
      for (const c of s.controls) {
        const st = controlStatus(c, items);
        const ev = c.evidence.map((id) => {
          const it = byId.get(id);
          if (!it) return `${esc(id)} (not produced)`;
          return `${esc(it.title)}: ${it.status === 'present' ? it.files.map((f) => `<a href="${esc(f)}">${esc(f)}</a>`).join(', ') : 'no data'}`;
        });
        out.push(
          `<tr><td>${esc(c.id)} ${esc(c.title)}</td><td class="${st}">${LABEL[st]}</td><td>${ev.join('<br>') || 'none produced automatically'}</td><td>${esc(c.statement ?? '')}${c.attachments.map((a) => `<br>${esc(a)}`).join('')}</td></tr>`,
        );
      }
      out.push('</table>');
    }
  }
  out.push('</body></html>', '');
  return out.join('\n');
}
