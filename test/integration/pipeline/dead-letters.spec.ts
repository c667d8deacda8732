import { describeWithServices } from '@vigie/testing';
import { runDeadLetterSuite } from './dead-letters.contract';
import { openPGlite, openPostgres } from './databases';

describe('dead letters on PGlite', () => runDeadLetterSuite(openPGlite));
describeWithServices(['postgres'], 'dead letters on PostgreSQL', () => runDeadLetterSuite(openPostgres));
