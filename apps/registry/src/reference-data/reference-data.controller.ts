import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '@vigie/auth';
import { CNIL_DPIA_TYPES, EDPB_CRITERIA, REFERENCE_KINDS, RETENTION_FATES } from '@vigie/gdpr';
import { ReferenceDataRepository } from './reference-data.repository';

/** Read-only reference data: one route per kind, so every path is fixed. */
@ApiTags('reference')
@Controller('api/v1/reference')
export class ReferenceDataController {
  constructor(private readonly repo: ReferenceDataRepository) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'The kinds of reference data' })
  kinds() {
    return { kinds: [...REFERENCE_KINDS, 'dpia-criteria', 'dpia-processing-types', 'retention-fates'] };
  }

  @Get('data-categories')
  @Roles(...READERS)
  @ApiOperation({ summary: 'CNIL data categories, Art. 9 special categories (sensitive), Art. 10, the NIR (regulated)' })
  dataCategories() {
    return this.repo.list('data-categories');
  }

  @Get('data-subject-categories')
  @Roles(...READERS)
  dataSubjectCategories() {
    return this.repo.list('data-subject-categories');
  }

  @Get('legal-bases')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Art. 6(1)(a)-(f)' })
  legalBases() {
    return this.repo.list('legal-bases');
  }

  @Get('art9-conditions')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Art. 9(2)(a)-(j)' })
  art9Conditions() {
    return this.repo.list('art9-conditions');
  }

  @Get('recipient-types')
  @Roles(...READERS)
  recipientTypes() {
    return this.repo.list('recipient-types');
  }

  @Get('transfer-safeguards')
  @Roles(...READERS)
  transferSafeguards() {
    return this.repo.list('transfer-safeguards');
  }

  @Get('security-measures')
  @Roles(...READERS)
  securityMeasures() {
    return this.repo.list('security-measures');
  }

  @Get('dpia-criteria')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The nine EDPB criteria (WP248 rev.01)' })
  dpiaCriteria() {
    return EDPB_CRITERIA;
  }

  @Get('dpia-processing-types')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The CNIL list of processing types that require a DPIA' })
  dpiaProcessingTypes() {
    return CNIL_DPIA_TYPES;
  }

  @Get('retention-fates')
  @Roles(...READERS)
  retentionFates() {
    return RETENTION_FATES.map((code) => ({ code }));
  }
}
