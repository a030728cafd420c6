import { type Resource } from '../resource.entity';
import { llmVectorRegionMismatchRule } from './llm-vector-region-mismatch.rule';
import { aResource } from '../../../test/support/cloud-builders';

const llm = (overrides: Partial<Resource> = {}) =>
  aResource({ id: 'llm-1', type: 'llm_endpoint', region: 'us-central1', providerKind: 'gcp', ...overrides });
const vectorDb = (id: string, region: string, overrides: Partial<Resource> = {}) =>
  aResource({ id, type: 'vector_db', region, providerKind: 'gcp', ...overrides });

function evaluate(endpoint: Resource, others: Resource[]) {
  return llmVectorRegionMismatchRule.evaluate(endpoint, { resources: [endpoint, ...others] });
}

describe('llm-vector-region-mismatch', () => {
  it('reports an endpoint with no vector database in its region', () => {
    const drafts = evaluate(llm(), [vectorDb('v2', 'europe-west1'), vectorDb('v1', 'asia-east1')]);
    expect(drafts).toEqual([
      expect.objectContaining({
        evidence: expect.objectContaining({
          llm_region: 'us-central1',
          vector_db_regions: ['asia-east1', 'europe-west1'],
          matched_on: null,
        }),
      }),
    ]);
    expect(drafts[0].remediation).toMatch(/egress/);
  });

  it('stays silent when one vector database shares the region', () => {
    expect(evaluate(llm(), [vectorDb('v1', 'europe-west1'), vectorDb('v2', 'us-central1')])).toEqual([]);
  });

  it('stays silent when the tenant has no vector database', () => {
    expect(evaluate(llm(), [aResource({ type: 'database', region: 'europe-west1' })])).toEqual([]);
  });

  it('does not count a terminated vector database', () => {
    const drafts = evaluate(llm(), [
      vectorDb('v1', 'us-central1', { state: 'terminated' }),
      vectorDb('v2', 'europe-west1'),
    ]);
    expect(drafts[0].evidence.vector_db_regions).toEqual(['europe-west1']);
  });

  it('stays silent when only terminated vector databases exist', () => {
    expect(evaluate(llm(), [vectorDb('v1', 'europe-west1', { state: 'terminated' })])).toEqual([]);
  });

  it('compares only with vector databases of the same app when the tags tie them', () => {
    const endpoint = llm({ tags: { App: 'search' } });
    const drafts = evaluate(endpoint, [
      vectorDb('v1', 'us-central1', { tags: { app: 'chat' } }),
      vectorDb('v2', 'europe-west1', { tags: { app: 'search' } }),
    ]);
    expect(drafts[0].evidence).toMatchObject({
      vector_db_regions: ['europe-west1'],
      matched_on: 'app=search',
    });
  });

  it('falls back to every vector database when no tag matches', () => {
    const endpoint = llm({ tags: { project: 'atlas' } });
    expect(evaluate(endpoint, [vectorDb('v1', 'us-central1', { tags: { project: 'other' } })])).toEqual([]);
  });

  it('does not take the same region name on another cloud for co-location', () => {
    const drafts = evaluate(llm({ providerKind: 'aws', region: 'us-east-1' }), [
      vectorDb('v1', 'us-east-1', { providerKind: 'simulated' }),
    ]);
    expect(drafts).toHaveLength(1);
  });

  it('counts a vector database in another account of the same cloud and region', () => {
    expect(evaluate(llm(), [vectorDb('v1', 'us-central1', { providerId: 'prov-2' })])).toEqual([]);
  });

  it('only judges LLM endpoints', () => {
    const vm = aResource({ region: 'us-central1', providerKind: 'gcp' });
    expect(evaluate(vm, [vectorDb('v1', 'europe-west1')])).toEqual([]);
  });
});
