export interface ApplicationHost {
  hostname: string | null;
  ip: string | null;
}

export interface ApplicationData {
  code: string;
  volume: string | null;
  /** A suggestion not yet confirmed by the DPO. */
  toConfirm: boolean;
}

export interface ApplicationSecurityMeasure {
  type: string;
  description: string;
}

export interface Application {
  id: string;
  sourceKey: string | null;
  name: string;
  vendor: string;
  domain: string;
  functions: string[];
  hosting: 'consortium' | 'member' | 'saas';
  dataLocation: string;
  hosts: ApplicationHost[];
  members: string[];
  dataCategories: ApplicationData[];
  dataSubjects: ApplicationData[];
  vendorRole: 'processor' | 'sub_processor' | 'none' | null;
  dpaReference: string | null;
  securityMeasures: ApplicationSecurityMeasure[];
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ApplicationValues = Omit<Application, 'id' | 'createdAt' | 'updatedAt'>;

/** What the SIEM enrichment reads for a host name or address. */
export interface AssetInfo {
  applicationId: string;
  applicationName: string;
  members: string[];
  /** The application processes personal data. */
  personalData: boolean;
  /** It processes Art. 9, Art. 10 or NIR data. */
  sensitiveData: boolean;
  /** Every application on that host, when several share it. */
  applications: Array<{ id: string; name: string }>;
}
