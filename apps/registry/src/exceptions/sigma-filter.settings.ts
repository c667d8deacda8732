import { dirname, isAbsolute, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { configDir, VigieConfig } from '@vigie/config';
import { logger } from '@vigie/observability';
import { FieldMappingConfig, IDENTITY_MAPPING, loadFieldMappingFile, resolveLogsource } from '@vigie/sigma';
import type { SigmaFilterOptions } from '@vigie/triage';

/**
 * What the exceptions' Sigma filters are compiled with: the detector's own field mapping (`detection.mappingFile`,
 * a relative path read from the parent of the config folder) and filter mode (`detection.filterMode`), so that an
 * expression means on an alert's event what it would mean in a rule. Also resolves Sigma group-by field names to
 * their ECS paths (related events).
 */
@Injectable()
export class SigmaFilterSettings {
  private readonly log = logger('SigmaFilterSettings');
  readonly options: SigmaFilterOptions;
  private readonly resolveField: (field: string) => string[];

  constructor(config: VigieConfig) {
    const file = config.get('detection.mappingFile');
    const path = isAbsolute(file) ? file : resolve(dirname(resolve(configDir())), file);
    let mapping: FieldMappingConfig = IDENTITY_MAPPING;
    try {
      mapping = loadFieldMappingFile(path);
    } catch (e) {
      this.log.warn({ path, error: (e as Error).message }, 'Sigma field mapping unreadable; field names used as-is');
    }
    this.options = { mapping, filterMode: config.get('detection.filterMode') as 'exclude' | 'and' };
    this.resolveField = resolveLogsource(mapping, {}).resolveField;
  }

  /** ECS paths of a field name (a Sigma name such as `Hostname`, or already an ECS path). */
  ecsFields(field: string): string[] {
    return [...new Set(this.resolveField(field))];
  }
}
