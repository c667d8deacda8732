import { Queryable } from '../sql-values';
import { Impact } from './impact.types';

/**
 * The port through which the incident log asks the GDPR registry what an
 * incident puts at stake. `db` lets a caller inside a transaction pass its
 * manager (PGlite has a single connection).
 */
export abstract class RegistryImpactSource {
  abstract impactOf(applicationIds: string[], hosts: string[], db?: Queryable): Promise<Impact>;
}
