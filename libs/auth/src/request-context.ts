import { AsyncLocalStorage } from 'node:async_hooks';
import { DomainError } from '@vigie/contracts';
import { Principal } from './principal';

/** What every layer may need to know about the current request or command. */
export interface RequestContextData {
  requestId: string;
  sourceIp?: string;
  principal?: Principal;
}

const storage = new AsyncLocalStorage<RequestContextData>();

/** The current request's context, carried through async calls. */
export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  get(): RequestContextData | undefined {
    return storage.getStore();
  },
  principal(): Principal | undefined {
    return storage.getStore()?.principal;
  },
  /** The authenticated principal; throws 401 when there is none. */
  requirePrincipal(): Principal {
    const p = storage.getStore()?.principal;
    if (!p) throw new DomainError('unauthenticated', 'unauthenticated', 'Authentication required');
    return p;
  },
  setPrincipal(principal: Principal): void {
    const store = storage.getStore();
    if (store) store.principal = principal;
  },
};
