import { describeWithServices } from '@vigie/testing';
import { openPGlite, openPostgres } from './databases';
import { runRetentionSuite } from './retention.contract';

describe('retention on PGlite', () => runRetentionSuite(openPGlite));
describeWithServices(['postgres'], 'retention on PostgreSQL', () => runRetentionSuite(openPostgres));
