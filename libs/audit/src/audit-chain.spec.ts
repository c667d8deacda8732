import { AuditContent, ChainVerifier, diffObjects, GENESIS_HASH, hashRecord } from './audit-chain';

function chain(n: number) {
  const out = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const c: AuditContent = {
      seq: i,
      at: new Date(Date.UTC(2026, 10, 29, 12, 0, i)).toISOString(),
      actor: 'admin',
      actorKind: 'user',
      roles: ['admin'],
      memberScope: null,
      member: i % 2 ? 'ivry' : null,
      action: 'member.updated',
      entityType: 'member',
      entityId: 'ivry',
      changes: { name: { from: `n${i - 1}`, to: `n${i}` } },
      requestId: `r${i}`,
      sourceIp: '127.0.0.1',
      prevHash: prev,
    };
    const hash = hashRecord(c);
    out.push({ ...c, hash });
    prev = hash;
  }
  return out;
}

describe('audit chain', () => {
  it('verifies an intact chain, in batches', () => {
    const v = new ChainVerifier();
    const records = chain(10);
    expect(v.check(records.slice(0, 4))).toBeUndefined();
    expect(v.check(records.slice(4))).toBeUndefined();
    expect(v.checked).toBe(10);
  });

  it('names the first edited record', () => {
    const records = chain(5);
    records[2] = { ...records[2], actor: 'mallory' };
    expect(new ChainVerifier().check(records)).toMatchObject({ seq: 3, problem: 'hash_mismatch' });
  });

  it('detects a deleted record', () => {
    const records = chain(5);
    records.splice(1, 1);
    expect(new ChainVerifier().check(records)).toMatchObject({ seq: 2, problem: 'missing_records' });
  });

  it('detects a record rewritten with a recomputed hash', () => {
    const records = chain(5);
    const { hash: _h, ...content } = { ...records[1], action: 'member.deleted' };
    records[1] = { ...content, hash: hashRecord(content) };
    expect(new ChainVerifier().check(records)).toMatchObject({ seq: 3, problem: 'prev_hash_mismatch' });
  });

  it('hashes independently of key order', () => {
    const [r] = chain(1);
    const { hash, ...content } = r;
    const reordered = Object.fromEntries(Object.entries(content).reverse()) as unknown as AuditContent;
    expect(hashRecord(reordered)).toBe(hash);
  });

  it('diffs nested fields', () => {
    expect(diffObjects({ a: 1, b: { c: 2, d: [1] } }, { a: 1, b: { c: 3, d: [1, 2] }, e: 'x' })).toEqual({
      'b.c': { from: 2, to: 3 },
      'b.d': { from: [1], to: [1, 2] },
      e: { from: null, to: 'x' },
    });
  });
});
