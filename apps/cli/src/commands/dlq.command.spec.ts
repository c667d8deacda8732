import type { DeadLetterQuery, StoredDeadLetter } from '@vigie/ingestion/dead-letters/dead-letter-query';
import { deadLetterLine, listDeadLetters } from './dlq.command';

const letter = (id: number, over: Partial<StoredDeadLetter> = {}): StoredDeadLetter => ({
  id: String(id),
  at: `2026-03-05T10:00:0${id % 10}.000Z`,
  stage: 'normaliser',
  reason: 'decoder_error',
  detail: 'boom',
  raw: `line ${id}`,
  member: 'ivry',
  source: { topic: 'siem.raw.v1', partition: 0, offset: String(id) },
  origin: null,
  replayedAt: null,
  ...over,
});

/** A store holding `n` letters, paged by id as the real one is, recording the queries it was asked. */
function storeOf(n: number) {
  const all = Array.from({ length: n }, (_, i) => letter(i + 1));
  const calls: Array<{ query: DeadLetterQuery; limit?: number; afterId?: string }> = [];
  return {
    calls,
    list: async (query: DeadLetterQuery, page: { limit?: number; afterId?: string } = {}) => {
      calls.push({ query, ...page });
      const after = page.afterId === undefined ? 0 : Number(page.afterId);
      return all.filter((l) => Number(l.id) > after).slice(0, page.limit ?? 100);
    },
  };
}

describe('vigie dlq list', () => {
  it('prints one line per dead letter with its sender, state and raw line on one line, cut when long', () => {
    expect(
      deadLetterLine(
        letter(7, {
          raw: 'first\nsecond\tthird',
          origin: { transport: 'udp', peer: { ip: '10.0.0.9', port: 514 } },
          replayedAt: '2026-03-06T00:00:00.000Z',
        }),
      ),
    ).toBe(
      '7  2026-03-05T10:00:07.000Z  normaliser  decoder_error  ivry  udp://10.0.0.9  replayed  first second third',
    );
    const long = deadLetterLine(letter(8, { raw: 'x'.repeat(500), member: null }), 20);
    expect(long).toBe(`8  2026-03-05T10:00:08.000Z  normaliser  decoder_error  -  -  pending  ${'x'.repeat(19)}…`);
  });

  it('pages through the store up to the limit, passing the query on', async () => {
    const store = storeOf(1200);
    const lines: string[] = [];
    const query: DeadLetterQuery = { stage: 'indexer', text: 'line', replayed: false };
    expect(await listDeadLetters(store, query, 1100, (l) => lines.push(l))).toBe(1100);
    expect(lines).toHaveLength(1100);
    expect(lines[1099]).toMatch(/^1100 /);
    expect(store.calls.map((c) => [c.limit, c.afterId])).toEqual([
      [500, undefined],
      [500, '500'],
      [100, '1000'],
    ]);
    expect(store.calls.every((c) => c.query === query)).toBe(true);
  });

  it('stops when the store has no more, and prints whole letters as JSON lines', async () => {
    const lines: string[] = [];
    expect(await listDeadLetters(storeOf(3), {}, 100, (l) => lines.push(l), true)).toBe(3);
    expect(lines.map((l) => JSON.parse(l).raw)).toEqual(['line 1', 'line 2', 'line 3']);
  });
});
