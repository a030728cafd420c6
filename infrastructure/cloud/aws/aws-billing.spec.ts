import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetRightsizingRecommendationCommand,
  type RightsizingRecommendation,
} from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsCloudAdapter } from './aws-cloud.adapter';
import { ACCOUNT_ID, anAwsConnection, costExplorerError, metadata, unwrap } from './aws-sdk.fake';

const ce = mockClient(CostExplorerClient);
const adapter = new AwsCloudAdapter();

const group = (service: string, region: string, amount: string) => ({
  Keys: [service, region],
  Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
});

beforeEach(() => ce.reset());

describe('AwsCloudAdapter.costs', () => {
  it('asks Cost Explorer in us-east-1 for daily unblended cost by service and region, across pages', async () => {
    let region = '';
    ce.on(GetCostAndUsageCommand)
      .callsFakeOnce(async (_input, getClient) => {
        region = await getClient().config.region();
        return {
          $metadata: metadata,
          GroupDefinitions: [
            { Type: 'DIMENSION', Key: 'SERVICE' },
            { Type: 'DIMENSION', Key: 'REGION' },
          ],
          ResultsByTime: [
            {
              TimePeriod: { Start: '2025-03-01', End: '2025-03-02' },
              Total: {},
              Groups: [
                group('Amazon Elastic Compute Cloud - Compute', 'us-east-1', '12.3456789012'),
                group('AWS Support (Business)', 'NoRegion', '3.3333333333'),
                group('Amazon Simple Storage Service', 'eu-west-1', '0'),
              ],
              Estimated: false,
            },
          ],
          NextPageToken: 'AAMA-EFRSURBSGpNa3B6T0hCWkVwSlJ6',
        };
      })
      .resolvesOnce({
        $metadata: metadata,
        ResultsByTime: [
          {
            TimePeriod: { Start: '2025-03-02', End: '2025-03-03' },
            Total: {},
            Groups: [group('Amazon Elastic Compute Cloud - Compute', 'us-east-1', '11.9')],
            Estimated: true,
          },
        ],
      });

    const lines = unwrap(
      await adapter.costs(anAwsConnection(['eu-west-1']), { from: '2025-03-01', to: '2025-03-03' }),
    );

    expect(region).toBe('us-east-1');
    expect(lines).toEqual([
      {
        day: '2025-03-01',
        service: 'Amazon Elastic Compute Cloud - Compute',
        region: 'us-east-1',
        externalId: null,
        amountUsd: 12.3456789012,
        estimated: false,
      },
      {
        day: '2025-03-01',
        service: 'AWS Support (Business)',
        region: 'global',
        externalId: null,
        amountUsd: 3.3333333333,
        estimated: false,
      },
      {
        day: '2025-03-02',
        service: 'Amazon Elastic Compute Cloud - Compute',
        region: 'us-east-1',
        externalId: null,
        amountUsd: 11.9,
        estimated: false,
      },
    ]);
    const request = {
      TimePeriod: { Start: '2025-03-01', End: '2025-03-03' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [
        { Type: 'DIMENSION', Key: 'SERVICE' },
        { Type: 'DIMENSION', Key: 'REGION' },
      ],
    };
    expect(ce.commandCalls(GetCostAndUsageCommand).map((c) => c.args[0].input)).toEqual([
      request,
      { ...request, NextPageToken: 'AAMA-EFRSURBSGpNa3B6T0hCWkVwSlJ6' },
    ]);
  });

  it('answers an empty range with no lines and no billed request', async () => {
    expect(unwrap(await adapter.costs(anAwsConnection(), { from: '2025-03-01', to: '2025-03-01' }))).toEqual(
      [],
    );
    expect(ce.calls()).toHaveLength(0);
  });

  it('refuses days that are not YYYY-MM-DD', async () => {
    const result = await adapter.costs(anAwsConnection(), { from: '2025-3-1', to: '2025-03-05' });
    expect(result.ok ? null : result.error.code).toBe('validation');
  });
});

function aModifyRecommendation(
  instanceId: string,
  targets: { type: string; savings: string; isDefault?: boolean }[],
): RightsizingRecommendation {
  return {
    AccountId: ACCOUNT_ID,
    CurrentInstance: {
      ResourceId: instanceId,
      InstanceName: 'api-1',
      Tags: [],
      ResourceDetails: {
        EC2ResourceDetails: {
          HourlyOnDemandRate: '0.192',
          InstanceType: 'm5.xlarge',
          Platform: 'Linux/UNIX',
          Region: 'US East (N. Virginia)',
          Sku: 'ABCDEFGH12345678',
          Memory: '16 GiB',
          NetworkPerformance: 'Up to 10 Gigabit',
          Storage: 'EBS only',
          Vcpu: '4',
        },
      },
      ResourceUtilization: {
        EC2ResourceUtilization: {
          MaxCpuUtilizationPercentage: '8.5',
          MaxMemoryUtilizationPercentage: '',
          MaxStorageUtilizationPercentage: '',
        },
      },
      MonthlyCost: '140.16',
      CurrencyCode: 'USD',
    },
    RightsizingType: 'MODIFY',
    ModifyRecommendationDetail: {
      TargetInstances: targets.map((t) => ({
        EstimatedMonthlyCost: '70.08',
        EstimatedMonthlySavings: t.savings,
        CurrencyCode: 'USD',
        DefaultTargetInstance: t.isDefault ?? false,
        ResourceDetails: { EC2ResourceDetails: { InstanceType: t.type, Vcpu: '2', Memory: '8 GiB' } },
      })),
    },
    FindingReasonCodes: ['CPU_OVER_PROVISIONED'],
  };
}

describe('AwsCloudAdapter.rightsizing', () => {
  it('turns Modify recommendations into hints on AWS’s default target, across pages', async () => {
    ce.on(GetRightsizingRecommendationCommand)
      .resolvesOnce({
        $metadata: metadata,
        Metadata: {
          RecommendationId: 'rec-1',
          GenerationTimestamp: '2025-03-05T02:00:00Z',
          LookbackPeriodInDays: 'SEVEN_DAYS',
        },
        RightsizingRecommendations: [
          aModifyRecommendation('i-0123456789abcdef0', [
            { type: 't3.large', savings: '80.00' },
            { type: 'm5.large', savings: '70.08', isDefault: true },
          ]),
          {
            AccountId: ACCOUNT_ID,
            CurrentInstance: { ResourceId: 'i-0fedcba9876543210', MonthlyCost: '30.00' },
            RightsizingType: 'TERMINATE',
            TerminateRecommendationDetail: { EstimatedMonthlySavings: '30.00', CurrencyCode: 'USD' },
          },
        ],
        NextPageToken: 'page-2',
      })
      .resolvesOnce({
        $metadata: metadata,
        RightsizingRecommendations: [
          aModifyRecommendation('i-0aaaaaaaaaaaaaaa1', [{ type: 'm5.large', savings: '69.5' }]),
        ],
      });

    const hints = unwrap(await adapter.rightsizing(anAwsConnection()));

    expect(hints).toEqual([
      {
        externalId: 'i-0123456789abcdef0',
        currentSize: 'm5.xlarge',
        suggestedSize: 'm5.large',
        monthlySavingsUsd: 70.08,
        reason: 'cpu over provisioned; max CPU 8.5 % over the lookback period',
      },
      expect.objectContaining({
        externalId: 'i-0aaaaaaaaaaaaaaa1',
        suggestedSize: 'm5.large',
        monthlySavingsUsd: 69.5,
      }),
    ]);
    expect(ce.commandCalls(GetRightsizingRecommendationCommand).map((c) => c.args[0].input)).toEqual([
      { Service: 'AmazonEC2' },
      { Service: 'AmazonEC2', NextPageToken: 'page-2' },
    ]);
  });

  it('has no hints while right-sizing is not opted into', async () => {
    ce.on(GetRightsizingRecommendationCommand).rejects(
      costExplorerError(
        'AccessDeniedException',
        400,
        'Rightsizing EC2 recommendation is an opt-in only feature. You can enable this feature from the PAYER account’s Cost Explorer Preferences page. Normally it may take up to 24 hours in order to generate your rightsizing recommendations.',
      ),
    );
    expect(unwrap(await adapter.rightsizing(anAwsConnection()))).toEqual([]);
  });

  it('still reports a missing ce:GetRightsizingRecommendation permission as rejected credentials', async () => {
    ce.on(GetRightsizingRecommendationCommand).rejects(
      costExplorerError(
        'AccessDeniedException',
        400,
        'User: arn:aws:iam::123456789012:user/cockpit is not authorized to perform: ce:GetRightsizingRecommendation',
      ),
    );
    const result = await adapter.rightsizing(anAwsConnection());
    expect(result.ok ? null : result.error.reason).toBe('provider_auth_failed');
  });
});
