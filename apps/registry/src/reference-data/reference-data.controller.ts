import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { CNIL_DPIA_TYPES, EDPB_CRITERIA, REFERENCE_KINDS, ReferenceKind, RETENTION_FATES } from '@vigie/gdpr';
import { ReferenceDataRepository } from './reference-data.repository';

const STATIC: Record<string, () => unknown[]> = {
  'dpia-criteria': () => [...EDPB_CRITERIA],
  'dpia-processing-types': () => [...CNIL_DPIA_TYPES],
  'retention-fates': () => RETENTION_FATES.map((code) => ({ code })),
};

@ApiTags('reference')
@Controller('api/v1/reference')
export class ReferenceDataController {
  constructor(private readonly repo: ReferenceDataRepository) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The kinds of reference data' })
  kinds() {
    return { kinds: [...REFERENCE_KINDS, ...Object.keys(STATIC)] };
  }

  @Get(':kind')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Reference data of one kind: data-categories, data-subject-categories, legal-bases, art9-conditions, recipient-types, transfer-safeguards, security-measures, dpia-criteria, dpia-processing-types, retention-fates',
  })
  async list(@Param('kind') kind: string) {
    if (STATIC[kind]) return STATIC[kind]();
    if (!(REFERENCE_KINDS as readonly string[]).includes(kind))
      throw new DomainError('not_found', 'unknown_reference_kind', `No reference data ${kind}`);
    return this.repo.list(kind as ReferenceKind);
  }
}
