import { Injectable } from '@nestjs/common';
import { memberScope, RequestContext } from '@vigie/auth';
import { DomainError } from '@vigie/contracts';
import { EEA_COUNTRIES } from '@vigie/gdpr';
import { ApplicationsRepository } from '../applications/applications.repository';
import { ProcessingActivitiesRepository } from '../processing-activities/processing-activities.repository';
import { ProcessingActivitiesService } from '../processing-activities/processing-activities.service';
import { Controller } from '../processing-activities/processing-activity';
import { CONSORTIUM } from '../seed/consortium';

export interface ProcessorRegister {
  processor: typeof CONSORTIUM;
  controller: Controller;
  generatedAt: string;
  /** Categories of processing carried out on behalf of the controller (Art. 30(2)(b)). */
  processing: Array<{
    activityId: string;
    reference: string;
    name: string;
    status: string;
    purposes: string[];
    applications: Array<{ id: string; name: string; vendor: string; dataLocation: string }>;
    dataCategories: string[];
    dataSubjects: string[];
  }>;
  /** Consortium-hosted applications the member uses that no record of it covers yet. */
  uncoveredApplications: Array<{ id: string; name: string; vendor: string }>;
  subProcessors: Array<{ vendor: string; application: string; role: string; dpaReference: string | null }>;
  /** Art. 30(2)(c): transfers outside the EEA. */
  transfers: Array<{ recipient: string; country: string; safeguard: string | null; documentation: string | null; source: string }>;
  /** Art. 30(2)(d): security measures of the hosted applications and the records. */
  securityMeasures: Array<{ type: string; description: string; source: string }>;
}

/**
 * The consortium's Art. 30(2) register, derived live from the member's
 * records and the consortium-hosted applications they run on: never typed twice.
 */
@Injectable()
export class ProcessorRegisterService {
  constructor(
    private readonly apps: ApplicationsRepository,
    private readonly activities: ProcessingActivitiesRepository,
    private readonly activityService: ProcessingActivitiesService,
  ) {}

  /** One register per member in scope that has consortium-hosted processing or applications. */
  async all(): Promise<ProcessorRegister[]> {
    const scope = memberScope(RequestContext.requirePrincipal());
    const out: ProcessorRegister[] = [];
    for (const code of await this.activities.memberCodes(scope)) {
      const r = await this.build(code);
      if (r.processing.length || r.uncoveredApplications.length) out.push(r);
    }
    return out;
  }

  async forMember(member: string): Promise<ProcessorRegister> {
    await this.activityService.controllerOf(member);
    return this.build(member);
  }

  private async build(member: string): Promise<ProcessorRegister> {
    const controller = (await this.activities.controllers([member])).get(member);
    if (!controller) throw new DomainError('not_found', 'member_not_found', `No member ${member}`);
    const hosted = (await this.apps.list([member])).filter((a) => a.hosting === 'consortium');
    const hostedById = new Map(hosted.map((a) => [a.id, a]));
    const records = (await this.activities.list([member])).filter((r) => r.content.applicationIds.some((id) => hostedById.has(id)));
    const covered = new Set(records.flatMap((r) => r.content.applicationIds));
    const transfers: ProcessorRegister['transfers'] = [];
    const measures = new Map<string, ProcessorRegister['securityMeasures'][number]>();
    const addMeasure = (m: { type: string; description: string }, source: string) => {
      const key = `${m.type}|${m.description}`;
      if (!measures.has(key)) measures.set(key, { ...m, source });
    };
    const usedApps = hosted.filter((a) => covered.has(a.id));
    for (const a of usedApps) {
      a.securityMeasures.forEach((m) => addMeasure(m, `application ${a.name}`));
      if (!EEA_COUNTRIES.has(a.dataLocation))
        transfers.push({ recipient: `${a.vendor} (${a.name})`, country: a.dataLocation, safeguard: null, documentation: a.dpaReference, source: `application ${a.name}` });
    }
    for (const r of records) {
      r.content.securityMeasures.forEach((m) => addMeasure(m, `record ${r.reference}`));
      r.content.transfers.forEach((t) => transfers.push({ ...t, safeguard: t.safeguard ?? null, documentation: t.documentation ?? null, source: `record ${r.reference}` }));
    }
    return {
      processor: CONSORTIUM,
      controller,
      generatedAt: new Date().toISOString(),
      processing: records.map((r) => ({
        activityId: r.id,
        reference: r.reference,
        name: r.name,
        status: r.status,
        purposes: r.content.purposes,
        applications: r.content.applicationIds
          .map((id) => hostedById.get(id))
          .filter((a): a is NonNullable<typeof a> => !!a)
          .map((a) => ({ id: a.id, name: a.name, vendor: a.vendor, dataLocation: a.dataLocation })),
        dataCategories: r.content.dataCategories.map((d) => d.code),
        dataSubjects: r.content.dataSubjects.map((s) => s.code),
      })),
      uncoveredApplications: hosted.filter((a) => !covered.has(a.id)).map((a) => ({ id: a.id, name: a.name, vendor: a.vendor })),
      subProcessors: usedApps
        .filter((a) => a.vendorRole === 'sub_processor' || a.vendorRole === 'processor')
        .map((a) => ({ vendor: a.vendor, application: a.name, role: a.vendorRole!, dpaReference: a.dpaReference })),
      transfers,
      securityMeasures: [...measures.values()],
    };
  }
}
