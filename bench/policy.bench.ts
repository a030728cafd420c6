import { cpus } from 'node:os';
import { buildPolicyContext } from '../domain/governance/policy/policy-context';
import { type PolicyRule } from '../domain/governance/policy/policy-rule';
import { compileRulesToCedar } from '../domain/governance/policy/rule-compiler';
import {
  POLICY_DECISIONS,
  type PolicyRequest,
  type PolicySource,
  RISK_LEVELS,
} from '../domain/governance/ports/policy-engine.port';
import { CedarPolicyEngine } from '../infrastructure/policy/cedar-policy-engine';
import { cedar } from '../infrastructure/policy/cedar-wasm';

/**
 * The policy decision engine on a realistic set of ~50 policies (36 compiled from the rule form,
 * 14 written in Cedar), deciding 100,000 varied tool calls in-process, as POST /v1/policies/evaluate
 * and the gate of every tool call do. Also measured: parsing a version (paid once per version), and
 * what every call would cost if the set were parsed per call (why the engine caches). Goal: p99 < 1 ms.
 */
const CALLS = Number(process.env.BENCH_CALLS ?? 100_000);
const UNCACHED_CALLS = Number(process.env.BENCH_UNCACHED_CALLS ?? 500);
const VERSIONS = 30;

/** mulberry32: a small seeded generator, so every run decides the same calls. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(0x5eed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

const SERVICES = [
  'github',
  'gitlab',
  'jira',
  'slack',
  'stripe',
  'db',
  'k8s',
  'aws',
  's3',
  'email',
  'crm',
  'fs',
];
const VERBS = ['read', 'list', 'search', 'create', 'update', 'delete', 'send', 'deploy', 'run', 'export'];
const TOOLS = SERVICES.flatMap((service) => VERBS.map((verb) => `${service}_${verb}`));
const AGENTS = [
  'support-bot',
  'billing-bot',
  'ops-agent-1',
  'ops-agent-2',
  'intern-7',
  'research-agent',
  'release-bot',
];
const ENVIRONMENTS = ['production', 'prod-eu', 'staging', 'dev', ''];

function rules(): PolicyRule[] {
  const list: PolicyRule[] = [
    {
      id: 'reads-allowed',
      description: 'read-only tools are safe',
      tools: ['*_read', '*_list', '*_search'],
      decision: 'allow',
    },
    {
      id: 'deletes-need-approval',
      tools: ['*_delete'],
      decision: 'require_approval',
      description: 'deletes need a human',
    },
    {
      id: 'no-prod-deletes-by-interns',
      tools: ['*_delete'],
      agents: ['intern-*'],
      environments: ['production', 'prod-*'],
      decision: 'block',
    },
    {
      id: 'critical-blocked',
      tools: ['*'],
      risk: ['critical'],
      environments: ['production', 'prod-*'],
      decision: 'block',
    },
    {
      id: 'unrated-in-prod',
      tools: ['*'],
      risk: ['unknown'],
      environments: ['production'],
      decision: 'require_approval',
    },
    {
      id: 'large-payments',
      tools: ['stripe_send', 'stripe_create'],
      decision: 'require_approval',
      when: [{ argument: 'amount', op: 'gt', value: 100 }],
    },
    {
      id: 'huge-payments',
      tools: ['stripe_*'],
      decision: 'block',
      when: [{ argument: 'amount', op: 'gte', value: 10_000.5 }],
    },
    {
      id: 'force-push',
      tools: ['github_update', 'gitlab_update'],
      decision: 'block',
      when: [{ argument: 'options.force', op: 'eq', value: true }],
    },
    {
      id: 'etc-files',
      tools: ['fs_*'],
      decision: 'block',
      when: [{ argument: 'path', op: 'matches', value: '/etc/*' }],
    },
    {
      id: 'rm-rf',
      tools: ['k8s_run', 'aws_run'],
      decision: 'block',
      when: [{ argument: 'command', op: 'contains', value: 'rm -rf' }],
    },
    {
      id: 'external-email',
      tools: ['email_send'],
      decision: 'require_approval',
      when: [
        { argument: 'to', op: 'matches', value: '*@*' },
        { argument: 'internal', op: 'ne', value: true },
      ],
    },
    {
      id: 'exports-small',
      tools: ['*_export'],
      decision: 'allow',
      when: [{ argument: 'rows', op: 'lte', value: 1000 }],
    },
    {
      id: 'exports-large',
      tools: ['*_export'],
      decision: 'require_approval',
      when: [{ argument: 'rows', op: 'gt', value: 1000 }],
    },
    {
      id: 'no-dry-run-deploys',
      tools: ['k8s_deploy'],
      decision: 'require_approval',
      when: [{ argument: 'dry_run', op: 'exists', value: false }],
    },
    {
      id: 'replicas',
      tools: ['k8s_deploy'],
      decision: 'block',
      when: [{ argument: 'spec.replicas', op: 'gt', value: 50 }],
    },
    {
      id: 'release-bot-deploys',
      tools: ['*_deploy'],
      agents: ['release-bot'],
      decision: 'allow',
      risk: ['low', 'medium'],
    },
  ];
  // Per-service defaults, as teams write them: creation and updates allowed below high risk.
  for (const service of SERVICES) {
    list.push({
      id: `${service}-writes`,
      tools: [`${service}_create`, `${service}_update`],
      risk: ['low', 'medium'],
      decision: 'allow',
    });
  }
  for (const [i, service] of ['db', 'crm', 's3', 'aws', 'jira', 'slack', 'github', 'fs'].entries()) {
    list.push({
      id: `${service}-high-risk`,
      tools: [`${service}_*`],
      risk: ['high'],
      decision: i % 2 ? 'block' : 'require_approval',
      when: [{ argument: 'scope', op: 'eq', value: 'all' }],
    });
  }
  return list;
}

const HAND_WRITTEN = `
@id("ops-agents") @reason("ops agents run operational tools")
permit (principal, action == Action::"call", resource)
when { principal.id like "ops-agent-*" && (resource.name like "k8s_*" || resource.name like "aws_*") };

@id("support-crm") permit (principal == Agent::"support-bot", action, resource)
when { resource.name like "crm_*" && context.risk != "critical" };

@id("billing-stripe") permit (principal == Agent::"billing-bot", action, resource)
when { resource.name like "stripe_*" };

@id("users-approve-writes") @decision("require_approval")
permit (principal is User, action, resource) when { !(resource.name like "*_read") };

@id("incident-freeze") @reason("change freeze during incidents")
forbid (principal, action, resource) when { context.run.tags.contains("incident") && resource.name like "*_deploy" };

@id("tenant-boundary") @reason("calls must stay in the run's tenant")
forbid (principal, action, resource)
when { context.run.metadata has tenant && context.arguments has tenant && context.arguments.tenant != context.run.metadata.tenant };

@id("truncated-writes") @decision("require_approval") @reason("arguments too large to check")
permit (principal, action, resource) when { context.argumentsTruncated && !(resource.name like "*_read") };

@id("slack-channels") permit (principal, action, resource)
when { [Tool::"slack_send", Tool::"slack_create"].contains(resource) }
when { context.arguments has channel && context.arguments.channel like "#bot-*" };

@id("night-jobs") permit (principal, action, resource)
when { context.run.name like "nightly*" && context.risk == "low" };

@id("research-read-only") forbid (principal == Agent::"research-agent", action, resource)
unless { resource.name like "*_read" || resource.name like "*_search" || resource.name like "*_list" };

@id("big-queries") @decision("require_approval")
permit (principal, action, resource == Tool::"db_run")
when { context.arguments has limit && context.arguments.limit > 10000 };

@id("dev-free") permit (principal, action, resource) when { context.environment == "dev" };

@id("staging-deploys") permit (principal, action, resource) when { context.environment == "staging" && resource.name like "*_deploy" };

@id("prod-deploys-approved") @decision("require_approval")
permit (principal, action, resource) when { context.environment like "prod*" && resource.name like "*_deploy" };
`;

function argumentsFor(tool: string): unknown {
  const service = tool.split('_')[0];
  const base: Record<string, unknown> = { request_id: `req-${Math.floor(next() * 1e9)}` };
  if (service === 'stripe')
    base.amount = next() < 0.5 ? Math.floor(next() * 20_000) : Math.round(next() * 2_000_000) / 100;
  if (service === 'fs') base.path = pick(['/etc/passwd', '/tmp/report.csv', '/home/app/data.json']);
  if (service === 'k8s' || service === 'aws') {
    base.command = pick(['kubectl get pods', 'rm -rf /var/cache', 'ls -la']);
    base.spec = {
      replicas: Math.floor(next() * 80),
      image: 'registry.local/app:1.4.2',
      labels: { team: 'sre' },
    };
    if (next() < 0.5) base.dry_run = true;
  }
  if (service === 'email')
    Object.assign(base, {
      to: pick(['a@example.com', 'ops']),
      internal: next() < 0.5,
      subject: 'Weekly report',
    });
  if (service === 'github' || service === 'gitlab') base.options = { force: next() < 0.2, branch: 'main' };
  if (tool.endsWith('_export')) base.rows = Math.floor(next() * 3000);
  if (tool === 'db_run')
    Object.assign(base, {
      query: 'SELECT * FROM orders WHERE status = $1',
      limit: Math.floor(next() * 20_000),
      params: ['open'],
    });
  if (service === 'slack') base.channel = pick(['#bot-alerts', '#general']);
  if (next() < 0.3) base.scope = pick(['all', 'one']);
  if (next() < 0.2) base.tenant = pick(['t1', 't2']);
  if (next() < 0.01) base.blob = 'x'.repeat(5000);
  return base;
}

function request(): PolicyRequest {
  const tool = pick(TOOLS);
  const user = next() < 0.1;
  return {
    principal: user
      ? { type: 'user', id: `user-${Math.floor(next() * 50)}` }
      : { type: 'agent', id: pick(AGENTS) },
    tool,
    arguments: argumentsFor(tool),
    risk: next() < 0.1 ? null : pick(RISK_LEVELS),
    environment: pick(ENVIRONMENTS) || null,
    run:
      next() < 0.8
        ? {
            id: `run-${Math.floor(next() * 1e6)}`,
            name: pick(['nightly billing', 'support triage', 'release 1.4', null]),
            tags: next() < 0.05 ? ['incident'] : ['scheduled'],
            metadata: { tenant: pick(['t1', 't2']), env: 'production' },
          }
        : null,
  };
}

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;
function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted[sorted.length - 1] ?? 0) };
}

function main(): void {
  const compiled = compileRulesToCedar(rules());
  if (!compiled.ok) throw new Error(compiled.error.message);
  const text = `${compiled.value}\n${HAND_WRITTEN}`;
  const engine = new CedarPolicyEngine();
  const problems = engine.check(text);
  if (problems.length > 0)
    throw new Error(`the benchmark policy set does not validate: ${JSON.stringify(problems)}`);
  const policies = (text.match(/^@id\(/gm) ?? []).length;

  // Parsing: fresh version ids, so each first evaluation parses.
  const sample = request();
  const parseMs: number[] = [];
  const checkMs: number[] = [];
  for (let v = 0; v < VERSIONS; v++) {
    const t0 = performance.now();
    engine.evaluate({ versionId: `parse-${v}`, cedar: text, defaultDecision: 'block' }, sample);
    parseMs.push(performance.now() - t0);
    const t1 = performance.now();
    engine.check(text);
    checkMs.push(performance.now() - t1);
  }

  const source: PolicySource = { versionId: 'bench', cedar: text, defaultDecision: 'block' };
  const requests = Array.from({ length: Math.min(CALLS, 20_000) }, request);
  for (let i = 0; i < 5000; i++) engine.evaluate(source, requests[i % requests.length]!); // warm-up

  const latencies = new Array<number>(CALLS);
  const decisions: Record<string, number> = Object.fromEntries(POLICY_DECISIONS.map((d) => [d, 0]));
  let defaults = 0;
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const call = requests[i % requests.length]!;
    const t0 = performance.now();
    const result = engine.evaluate(source, call);
    latencies[i] = performance.now() - t0;
    decisions[result.decision]!++;
    if (result.policyIds.length === 0) defaults++;
    if (
      result.reasons.some(
        (reason) => reason.includes('could not be evaluated') || reason.includes('fail closed'),
      )
    )
      errors++;
  }
  const seconds = (performance.now() - started) / 1000;

  // Without the cache: the whole set goes to Cedar with every call, as a naive adapter would do.
  const uncached: number[] = [];
  for (let i = 0; i < UNCACHED_CALLS; i++) {
    const call = requests[i]!;
    const principal = { type: call.principal.type === 'user' ? 'User' : 'Agent', id: call.principal.id };
    const resource = { type: 'Tool', id: call.tool };
    const t0 = performance.now();
    const answer = cedar.isAuthorized({
      principal,
      action: { type: 'Action', id: 'call' },
      resource,
      context: buildPolicyContext(call) as cedar.Context,
      entities: [
        { uid: principal, attrs: { id: principal.id }, parents: [] },
        { uid: resource, attrs: { name: resource.id }, parents: [] },
      ],
      policies: { staticPolicies: text },
    });
    uncached.push(performance.now() - t0);
    if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
  }

  const cached = percentiles(latencies);
  process.stdout.write(
    JSON.stringify(
      {
        benchmark: 'policy',
        goal: 'p99 < 1 ms',
        policies,
        policy_text_bytes: Buffer.byteLength(text),
        calls: CALLS,
        distinct_requests: requests.length,
        decisions_per_second: Math.round(CALLS / seconds),
        latency_ms: cached,
        mean_latency_ms: round((seconds * 1000) / CALLS),
        decisions,
        default_decisions: defaults,
        evaluation_errors: errors,
        parse_per_version_ms: { ...percentiles(parseMs), versions: VERSIONS },
        check_per_version_ms: percentiles(checkMs),
        without_cache: {
          calls: UNCACHED_CALLS,
          latency_ms: percentiles(uncached),
          slowdown_at_p50: round(percentiles(uncached).p50 / cached.p50, 1),
        },
        machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
        seconds: round(seconds, 2),
      },
      null,
      2,
    ) + '\n',
  );
}

main();
