import { type Result } from '../../shared/result';

export interface TerraformPlan {
  /** `terraform` or `tofu`, and its version line. */
  readonly tool: string;
  readonly version: string;
  readonly exitCode: number;
  /** Plan output with colours stripped. */
  readonly output: string;
  readonly summary: { readonly add: number; readonly change: number; readonly destroy: number } | null;
}

/**
 * Runs `plan` on an exported configuration with a local `terraform` or `tofu` binary. When neither
 * is on PATH the result is a DomainError with code `unavailable` and reason `terraform_not_found`.
 */
export abstract class TerraformRunner {
  abstract plan(files: Readonly<Record<string, string>>): Promise<Result<TerraformPlan>>;
}
