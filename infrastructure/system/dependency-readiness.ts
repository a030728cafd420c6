import { Readiness, type ReadinessReport } from '../../domain/shared/ports/readiness.port';

/** Readiness from named probes, each bounded by a timeout so a hung dependency reads as "not ready". */
export class DependencyReadiness extends Readiness {
  constructor(
    private readonly probes: Readonly<Record<string, () => Promise<unknown>>>,
    private readonly timeoutMs = 2000,
  ) {
    super();
  }

  async check(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      Object.entries(this.probes).map(async ([name, probe]) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            probe(),
            new Promise(
              (_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), this.timeoutMs)),
            ),
          ]);
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, error instanceof Error ? error.message : 'failed'] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return { ready: entries.every(([, status]) => status === 'ok'), checks: Object.fromEntries(entries) };
  }
}
