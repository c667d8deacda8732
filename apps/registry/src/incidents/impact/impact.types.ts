/** A processing activity put at stake by an incident, with what makes its data sensitive. */
export interface ImpactedActivity {
  id: string;
  name: string;
  /** The controller: the member the processing activity belongs to. */
  member: string;
  /** Applications of the incident this activity runs on. */
  applications: string[];
  dataCategories: string[];
  /** Art. 9 special categories among the data categories. */
  specialCategories: string[];
  /** Art. 10 data relating to criminal convictions and offences. */
  criminalData: string[];
  /** Categories carrying the NIR (French social security number). */
  nirCategories: string[];
  subjectCategories: string[];
}

export interface ImpactedController {
  member: string;
  applications: string[];
  hosts: string[];
  processingActivities: ImpactedActivity[];
}

/** What the affected applications and hosts put at stake, according to the GDPR registry. */
export interface Impact {
  controllers: ImpactedController[];
  processingActivities: ImpactedActivity[];
  dataCategories: string[];
  specialCategories: string[];
  criminalData: string[];
  nir: boolean;
  subjectCategories: string[];
  /** Applications and hosts the registry does not know. */
  unknown: { applications: string[]; hosts: string[] };
  /** Some personal data is processed on what is affected: a personal data breach is suspected. */
  personalDataBreachSuspected: boolean;
}

export function emptyImpact(applications: string[] = [], hosts: string[] = []): Impact {
  return {
    controllers: [],
    processingActivities: [],
    dataCategories: [],
    specialCategories: [],
    criminalData: [],
    nir: false,
    subjectCategories: [],
    unknown: { applications, hosts },
    personalDataBreachSuspected: false,
  };
}
