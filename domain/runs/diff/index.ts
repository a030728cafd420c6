export type {
  DiffProfile,
  DiffRedaction,
  DiffRun,
  DiffRunInfo,
  DiffStep,
  OutlinedStep,
  StepOutline,
} from './diff-input';
export {
  DIFF_CATEGORIES,
  type DiffCategory,
  type DiffSummary,
  type MetadataCategory,
  type RunDiff,
  type RunIdentity,
  type StepCategory,
  type StepDiff,
  type StepOp,
  type StepRef,
  type ValueChange,
} from './diff-output';
export { DEFAULT_DIFF_PROFILE, PROFILE_LIMITS, mergeDiffProfile, validateDiffProfile } from './diff-profile';
export { type AlignedRuns, alignRuns, diffAligned, diffRuns, stepsToCompare, withContent } from './run-diff';
export { STEP_DIGEST_VERSION, sameDigest, stepDigest } from './step-digest';
