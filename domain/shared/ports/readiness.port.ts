/** Whether the process can serve traffic: its dependencies (database, Redis...) answer. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, 'ok' | string>>;
}

export abstract class Readiness {
  abstract check(): Promise<ReadinessReport>;
}
