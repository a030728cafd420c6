import { type WorkloadFacts } from './workload-facts';

/**
 * What the assessment reads out of free-text facts (OS names, tech stacks, license names). One
 * place, so readiness, strategy and TCO classify a workload the same way.
 */
export type OsFamily =
  'mainframe' | 'unix' | 'legacy_windows' | 'legacy_linux' | 'windows' | 'linux' | 'vmware' | 'unknown';

export type LicenseClass =
  | 'none'
  | 'oracle'
  | 'sql_server_enterprise'
  | 'sql_server'
  | 'windows'
  | 'ibm'
  | 'rhel'
  | 'vmware'
  | 'other';

export interface WorkloadProfile {
  readonly os: OsFamily;
  readonly database: string | null;
  readonly appServer: boolean;
  readonly modern: boolean;
  readonly mainframeStack: boolean;
  /** The SaaS product that could replace it, when its stack names a packaged application. */
  readonly saas: string | null;
  /** Automation and observability signals in the stack (containers, IaC, CI). */
  readonly devops: readonly string[];
  readonly license: LicenseClass;
}

const has = (stack: readonly string[], names: readonly string[]): string | null =>
  stack.find((s) => names.includes(s)) ?? null;

const DATABASES = [
  'oracle',
  'oracle-db',
  'mysql',
  'postgres',
  'postgresql',
  'sql-server',
  'sqlserver',
  'mssql',
  'mariadb',
  'db2',
  'mongodb',
  'sybase',
  'redis',
  'cassandra',
  'elasticsearch',
];
const APP_SERVERS = [
  'tomcat',
  'jboss',
  'wildfly',
  'weblogic',
  'websphere',
  'iis',
  'nginx',
  'apache',
  'httpd',
  'php',
];
const MODERN = [
  'spring-boot',
  'node',
  'nodejs',
  'dotnet-core',
  '.net-core',
  'python',
  'go',
  'golang',
  'react',
  'docker',
  'kubernetes',
  'microservices',
  'kafka',
  'graphql',
];
const MAINFRAME = ['cobol', 'cics', 'ims', 'jcl', 'rpg', 'natural', 'adabas', 'pl/i', 'pl1'];
const DEVOPS = [
  'docker',
  'kubernetes',
  'terraform',
  'ansible',
  'jenkins',
  'ci',
  'gitlab-ci',
  'helm',
  'prometheus',
];
const SAAS: Readonly<Record<string, string>> = {
  exchange: 'Microsoft 365 (Exchange Online)',
  sharepoint: 'Microsoft 365 (SharePoint Online)',
  jira: 'Jira Cloud',
  confluence: 'Confluence Cloud',
  bugzilla: 'Jira Cloud',
  sugarcrm: 'Salesforce Sales Cloud',
  'siebel-crm': 'Salesforce Sales Cloud',
  peoplesoft: 'Workday HCM',
  'sap-hr': 'SAP SuccessFactors',
  nagios: 'Amazon CloudWatch',
  'lotus-notes': 'Microsoft 365',
  moodle: 'a SaaS learning platform',
  zendesk: 'Zendesk Suite',
  otrs: 'ServiceNow ITSM',
  'jenkins-legacy': 'GitHub Actions',
};

export function osFamily(os: string): OsFamily {
  const o = os.toLowerCase();
  if (/z\/?os|mvs|os\/390|as\/?400|iseries|ibm i\b/.test(o)) return 'mainframe';
  if (/aix|hp-?ux|solaris|sunos/.test(o)) return 'unix';
  if (/esxi|vmware/.test(o)) return 'vmware';
  if (/windows/.test(o)) return /2000|2003|2008|\bnt\b/.test(o) ? 'legacy_windows' : 'windows';
  if (/(rhel|red hat|centos)\s*[56]\b|sles\s*1[01]\b|ubuntu\s*1[24]\./.test(o)) return 'legacy_linux';
  if (/linux|rhel|red hat|centos|ubuntu|debian|sles|suse|amazon|rocky|alma|oracle linux/.test(o))
    return 'linux';
  return 'unknown';
}

export function licenseClass(license: string | null): LicenseClass {
  if (license === null) return 'none';
  const l = license.toLowerCase();
  if (l.includes('oracle')) return 'oracle';
  if (/sql[- ]?server/.test(l)) return /enterprise|ee\b/.test(l) ? 'sql_server_enterprise' : 'sql_server';
  if (l.includes('windows')) return 'windows';
  if (/ibm|db2|websphere|mainframe|mips/.test(l)) return 'ibm';
  if (/rhel|red ?hat/.test(l)) return 'rhel';
  if (/vmware|vsphere/.test(l)) return 'vmware';
  return 'other';
}

export function profileOf(facts: WorkloadFacts): WorkloadProfile {
  const stack = facts.techStack;
  const saasKey = stack.find((s) => SAAS[s] !== undefined);
  return {
    os: osFamily(facts.os),
    database: has(stack, DATABASES),
    appServer: has(stack, APP_SERVERS) !== null,
    modern: has(stack, MODERN) !== null,
    mainframeStack: has(stack, MAINFRAME) !== null,
    saas: saasKey ? (SAAS[saasKey] as string) : null,
    devops: stack.filter((s) => DEVOPS.includes(s)),
    license: licenseClass(facts.license),
  };
}
