export const CLOUD_KINDS = ['aws', 'azure', 'gcp', 'simulated'] as const;
export type CloudKind = (typeof CLOUD_KINDS)[number];
