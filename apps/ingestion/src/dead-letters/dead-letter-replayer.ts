import type { EventBus } from '@vigie/bus';
import { RawEnvelope, Topics, UNATTRIBUTED_MEMBER } from '@vigie/contracts';
import type { DeadLetterQuery, StoredDeadLetter } from './dead-letter-query';
import type { DeadLetterStore } from './dead-letter.store';

export interface ReplayOptions {
  since?: string;
  stage?: string;
  reason?: string;
  member?: string;
  dryRun?: boolean;
  /** Topic the envelopes go to (default siem.raw.v1). */
  topic?: string;
  pageSize?: number;
  now?: () => Date;
}

export interface ReplayResult {
  /** Dead letters matched (not yet replayed). */
  matched: number;
  /** Re-published (0 on a dry run). */
  replayed: number;
  /** Matched but with no raw line to replay (left as they are). */
  skipped: number;
}

/**
 * A dead letter's raw line as a new RawEnvelope for the normaliser, with the
 * original member and, when the dead letter kept them, the original receive
 * time, transport and sender: the replayed document is the one the first pass
 * would have made (same `event.id`, `host.ip`, `event.created`). Without them
 * (older dead letters, or a message that was not an envelope), `peer.ip` is
 * empty and the dead-letter time stands for the receive time.
 */
export function replayEnvelope(letter: StoredDeadLetter): RawEnvelope | undefined {
  if (letter.raw === null || letter.raw === '') return undefined;
  const origin = letter.origin ?? undefined;
  return {
    receivedAt: origin?.receivedAt ?? letter.at,
    transport: origin?.transport ?? 'tcp',
    peer: origin?.peer ?? { ip: '' },
    member: letter.member ?? UNATTRIBUTED_MEMBER,
    raw: letter.raw,
    ...(origin?.truncated ? { truncated: true } : {}),
  };
}

/**
 * Re-publishes the raw lines of the matching dead letters not yet replayed to
 * siem.raw.v1 and marks them replayed, page by page (publish first, then mark:
 * a crash in between replays a page twice, which the store's ids absorb).
 */
export async function replayDeadLetters(
  store: DeadLetterStore,
  bus: EventBus,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const query: DeadLetterQuery = {
    since: options.since,
    stage: options.stage,
    reason: options.reason,
    member: options.member,
    replayed: false,
  };
  const topic = options.topic ?? Topics.raw;
  const pageSize = options.pageSize ?? 500;
  const result: ReplayResult = { matched: 0, replayed: 0, skipped: 0 };
  if (options.dryRun) {
    result.matched = await store.count(query);
    return result;
  }
  await bus.ensureTopics([topic]);
  let afterId: string | undefined;
  for (;;) {
    const page = await store.list(query, { limit: pageSize, afterId });
    if (page.length === 0) break;
    afterId = page[page.length - 1].id;
    result.matched += page.length;
    const envelopes = page.map((l) => ({ letter: l, envelope: replayEnvelope(l) }));
    const ready = envelopes.filter((e) => e.envelope !== undefined);
    result.skipped += envelopes.length - ready.length;
    await bus.publish(
      topic,
      ready.map((e) => ({ key: `${e.envelope!.member}|replay`, value: JSON.stringify(e.envelope) })),
    );
    await store.markReplayed(
      ready.map((e) => e.letter.id),
      (options.now ?? (() => new Date()))(),
    );
    result.replayed += ready.length;
  }
  return result;
}
