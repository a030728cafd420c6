/** Instance-wide state that belongs to no tenant. */
export abstract class InstanceSettings {
  /** True exactly once per instance, for the first caller: used to seed the first operator. */
  abstract claimBootstrap(): Promise<boolean>;
  /** Returns the stored secret under `name`, creating it with `generate` if absent (first writer wins). */
  abstract getOrCreateSecret(name: string, generate: () => string): Promise<string>;
}
