import { type Resource } from '../resource.entity';
import { type ThreatRule } from './finding';
import { isLive, tagValues } from './tags';

/** Tags that tie an endpoint to the retrieval store it serves. */
export const AFFINITY_TAG_KEYS: readonly string[] = ['project', 'app'];

const sameLocation = (a: Resource, b: Resource) => a.providerKind === b.providerKind && a.region === b.region;

/**
 * The vector databases an endpoint is expected to read from: those sharing one of its project or
 * app tags when there are any (an endpoint tagged `app: search` is judged against the search
 * store, not against every store of the tenant), all of the tenant's otherwise.
 */
function peersOf(
  endpoint: Resource,
  vectorDbs: readonly Resource[],
): { peers: readonly Resource[]; matchedOn: string | null } {
  for (const key of AFFINITY_TAG_KEYS) {
    for (const value of tagValues(endpoint.tags, key).filter((v) => v.trim() !== '')) {
      const peers = vectorDbs.filter((db) => tagValues(db.tags, key).includes(value));
      if (peers.length > 0) return { peers, matchedOn: `${key}=${value}` };
    }
  }
  return { peers: vectorDbs, matchedOn: null };
}

/**
 * Seed 003's regional affinity: reasoning (the LLM endpoint) and retrieval (the vector store) should
 * sit in one region. A region is the provider's own region string within one cloud kind: two AWS
 * accounts in `us-east-1` are co-located, GCP `us-east1` and AWS `us-east-1` are not.
 */
export const llmVectorRegionMismatchRule: ThreatRule = {
  id: 'llm-vector-region-mismatch',
  title: 'LLM endpoint far from its vector database',
  severity: 'medium',
  description:
    'An LLM endpoint has no vector database in its region, so every retrieval crosses regions: more latency per call and inter-region egress charges.',
  evaluate(resource, context) {
    if (resource.type !== 'llm_endpoint') return [];
    const vectorDbs = context.resources.filter(
      (r) => r.type === 'vector_db' && isLive(r) && r.id !== resource.id,
    );
    if (vectorDbs.length === 0) return [];
    const { peers, matchedOn } = peersOf(resource, vectorDbs);
    if (peers.some((db) => sameLocation(db, resource))) return [];
    return [
      {
        evidence: {
          llm_region: resource.region,
          vector_db_regions: [...new Set(peers.map((db) => db.region))].sort(),
          vector_db_ids: peers.map((db) => db.id).sort(),
          matched_on: matchedOn,
        },
        remediation: `Run the vector database (or a replica) in ${resource.region}, or move the endpoint next to it: retrieval across regions adds tens of milliseconds per call and inter-region egress cost on every query.`,
      },
    ];
  },
};
