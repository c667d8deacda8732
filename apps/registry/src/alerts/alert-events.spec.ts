import { RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { EventStore, SearchRequest, StoreUnavailableError } from '@vigie/event-store';
import { Alert } from './alert.types';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';

const alert: Alert = {
  id: '3f0c2a4e-8d1b-4c59-9a57-2b1e0d6f7a10',
  rule: { id: 'r', title: 'Brute force', level: 'high', tags: [] },
  kind: 'correlation',
  groupKey: 'g',
  groupValues: { 'source.ip': '203.0.113.9' },
  member: 'ivry',
  members: ['ivry'],
  hosts: ['srv-1'],
  application: null,
  personalData: false,
  status: 'open',
  acknowledgedAt: null,
  closedAt: null,
  closeReason: null,
  closeComment: null,
  assignee: null,
  tags: [],
  count: 5,
  firstSeen: '2026-01-01T09:00:00.000Z',
  lastSeen: '2026-01-01T09:01:00.000Z',
  sampleEventIds: ['e1'],
  reopenCount: 0,
  incidentId: null,
  createdAt: '2026-01-01T09:01:01.000Z',
  updatedAt: '2026-01-01T09:01:01.000Z',
};

/** The service over a repository holding one alert and a store that answers as `search` says. */
function service(search: (r: SearchRequest) => Promise<unknown>): { svc: AlertsService; requests: SearchRequest[] } {
  const requests: SearchRequest[] = [];
  const repo = { get: async (id: string) => (id === alert.id ? alert : undefined) } as unknown as AlertsRepository;
  const store = {
    search: (r: SearchRequest) => {
      requests.push(r);
      return search(r);
    },
  } as unknown as EventStore;
  const sigma = { ecsFields: (f: string) => [f] };
  const svc = new AlertsService(repo, {} as never, {} as never, store, {} as never, {} as never, sigma as never);
  return { svc, requests };
}

const asRssi = <T>(fn: () => Promise<T>) =>
  RequestContext.run(
    { requestId: 'test', principal: { kind: 'user', id: 'u1', name: 'rssi', roles: ['rssi'], members: 'all' } },
    fn,
  );

async function failure(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a failure');
}

describe('related events of an alert: what the event store says of the request', () => {
  it('a cursor the store cannot read is a 400 invalid_cursor on the field cursor', async () => {
    // both adapters throw this RangeError for a cursor that is not one of theirs
    const { svc, requests } = service(async () => {
      throw new RangeError('invalid cursor');
    });
    const e = await failure(asRssi(() => svc.events(alert.id, { cursor: 'not-a-cursor' })));
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ kind: 'invalid', code: 'invalid_cursor' });
    expect(e.fields).toEqual([expect.objectContaining({ field: 'cursor' })]);
    expect(requests[0].cursor).toBe('not-a-cursor');
  });

  it('the store down is a 503, and a readable cursor gives the next page', async () => {
    const down = service(async () => {
      throw new StoreUnavailableError('connection refused');
    });
    const e = await failure(asRssi(() => down.svc.events(alert.id, {})));
    expect(e).toMatchObject({ kind: 'unavailable', code: 'event_store_unavailable' });

    const up = service(async () => ({ events: [{ id: 'e2' }], nextCursor: 'next' }));
    const page = await asRssi(() => up.svc.events(alert.id, { cursor: 'abc', limit: 10 }));
    expect(page).toMatchObject({ items: [{ id: 'e2' }], nextCursor: 'next' });
    expect(up.requests[0]).toMatchObject({ cursor: 'abc', size: 10, order: 'asc', members: ['ivry'] });
  });

  it('an unknown alert stays a 404 whatever the cursor', async () => {
    const { svc, requests } = service(async () => ({ events: [] }));
    const e = await failure(asRssi(() => svc.events('5f0c2a4e-8d1b-4c59-9a57-2b1e0d6f7a10', { cursor: 'x' })));
    expect(e).toMatchObject({ code: 'alert_not_found' });
    expect(requests).toHaveLength(0);
  });
});
