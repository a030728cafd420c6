import {
  type CostExplorerClient,
  GetCostAndUsageCommand,
  GetRightsizingRecommendationCommand,
  type ResultByTime,
  type RightsizingRecommendation,
  type TargetInstance,
} from '@aws-sdk/client-cost-explorer';
import { type CostLine, type RightsizingHint } from '../../../domain/cloud/ports/cloud.port';

/**
 * Daily unblended spend per service and region for `[from, to)`; Cost Explorer's End is exclusive
 * too. Every request is billed by AWS (USD 0.01), so the groups are as coarse as the port allows.
 */
export async function readCosts(
  ce: CostExplorerClient,
  range: { readonly from: string; readonly to: string },
): Promise<CostLine[]> {
  const lines: CostLine[] = [];
  let token: string | undefined;
  do {
    const out = await ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: range.from, End: range.to },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        GroupBy: [
          { Type: 'DIMENSION', Key: 'SERVICE' },
          { Type: 'DIMENSION', Key: 'REGION' },
        ],
        ...(token ? { NextPageToken: token } : {}),
      }),
    );
    lines.push(...costLines(out.ResultsByTime ?? []));
    token = out.NextPageToken || undefined;
  } while (token);
  return lines;
}

export function costLines(results: readonly ResultByTime[]): CostLine[] {
  const lines: CostLine[] = [];
  for (const result of results) {
    const day = result.TimePeriod?.Start;
    if (!day) continue;
    for (const group of result.Groups ?? []) {
      const [service, region] = group.Keys ?? [];
      const amount = Number.parseFloat(group.Metrics?.UnblendedCost?.Amount ?? '');
      // Zero groups (a service used inside its free tier) add rows, not information.
      if (!Number.isFinite(amount) || amount === 0) continue;
      lines.push({
        day,
        service: service || 'unknown',
        region: globalRegion(region),
        externalId: null,
        amountUsd: amount,
        // Cost Explorer's own `Estimated` flag means "the month is not closed", not "list price × time".
        estimated: false,
      });
    }
  }
  return lines;
}

/** Cost Explorer files spend that belongs to no region (support, Route 53, tax) under `NoRegion`. */
function globalRegion(region: string | undefined): string {
  return !region || region === 'NoRegion' ? 'global' : region;
}

export async function readRightsizing(ce: CostExplorerClient): Promise<RightsizingHint[]> {
  const hints: RightsizingHint[] = [];
  let token: string | undefined;
  do {
    const out = await ce.send(
      new GetRightsizingRecommendationCommand({
        Service: 'AmazonEC2',
        ...(token ? { NextPageToken: token } : {}),
      }),
    );
    for (const recommendation of out.RightsizingRecommendations ?? []) {
      const hint = rightsizingHint(recommendation);
      if (hint) hints.push(hint);
    }
    token = out.NextPageToken || undefined;
  } while (token);
  return hints;
}

/**
 * A hint for a Modify recommendation. Terminate recommendations are left out: the port speaks of a
 * smaller size, and "delete it" is not one.
 */
export function rightsizingHint(recommendation: RightsizingRecommendation): RightsizingHint | null {
  if (recommendation.RightsizingType !== 'MODIFY') return null;
  const current = recommendation.CurrentInstance;
  const currentSize = current?.ResourceDetails?.EC2ResourceDetails?.InstanceType;
  const target = pickTarget(recommendation.ModifyRecommendationDetail?.TargetInstances ?? []);
  const suggestedSize = target?.ResourceDetails?.EC2ResourceDetails?.InstanceType;
  if (!current?.ResourceId || !currentSize || !target || !suggestedSize) return null;
  const savings = Number.parseFloat(target.EstimatedMonthlySavings ?? '');
  return {
    externalId: current.ResourceId,
    currentSize,
    suggestedSize,
    monthlySavingsUsd: Number.isFinite(savings) ? savings : 0,
    reason: reason(recommendation),
  };
}

/** AWS marks the option it recommends; without the mark, the one that saves most. */
function pickTarget(targets: readonly TargetInstance[]): TargetInstance | undefined {
  const marked = targets.find((t) => t.DefaultTargetInstance);
  if (marked) return marked;
  const saving = (t: TargetInstance) => Number.parseFloat(t.EstimatedMonthlySavings ?? '') || 0;
  return [...targets].sort((a, b) => saving(b) - saving(a))[0];
}

function reason(recommendation: RightsizingRecommendation): string {
  const codes = (recommendation.FindingReasonCodes ?? []).map((c) => c.toLowerCase().replace(/_/g, ' '));
  const maxCpu =
    recommendation.CurrentInstance?.ResourceUtilization?.EC2ResourceUtilization?.MaxCpuUtilizationPercentage;
  const parts = [
    codes.length > 0 ? codes.join(', ') : 'AWS Cost Explorer recommends a smaller instance type',
    maxCpu ? `max CPU ${maxCpu} % over the lookback period` : null,
  ];
  return parts.filter((p) => p !== null).join('; ');
}
