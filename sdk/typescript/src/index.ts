export { Cockpit, type CockpitOptions, type StartRunOptions, StepsDroppedError, SDK_VERSION } from './client';
export {
  Run,
  type FinalRunStatus,
  type ModelStepOptions,
  type RunInfo,
  type StepContext,
  type StepInput,
  type StepKind,
  type TracedStepOptions,
  type Usage,
} from './run';
export {
  hitlGate,
  type GateCallOptions,
  type GateContext,
  type GatedFunction,
  type GateOptions,
} from './gate';
export {
  ApprovalTimeoutError,
  BlockedError,
  CockpitApiError,
  CockpitError,
  CockpitNetworkError,
  DeniedError,
  GateAbortedError,
  GateError,
  GateProtocolError,
  type Problem,
  StepRejectedError,
} from './errors';
export type {
  ApprovalRequest,
  ApprovalState,
  ApprovalStatus,
  Decision,
  EvaluateRequest,
  EvaluateResult,
  Risk,
} from './governance-types';
export type { FetchInit, FetchLike, FetchResponse } from './http';
export { canonicalJson, payloadHash } from './payload-hash';
export {
  createSanitizer,
  redact,
  sanitize,
  type RedactOptions,
  type Redacted,
  type RedactionMark,
  type Sanitizer,
} from './redaction/sanitizer';
export {
  DEFAULT_RULES as REDACTION_RULES,
  type RedactionRules,
  type RedactionPattern,
} from './redaction/rules';
export {
  CockpitCallbackHandler,
  gateTool,
  type CockpitCallbackOptions,
  type GateToolOptions,
} from './langchain';
