import { Agent, type AgentProps, type AgentSkill } from './agent.entity';

const skill = (
  id: string,
  name: string,
  description: string,
  tags: readonly string[],
  examples: readonly string[],
): AgentSkill => ({ id, name, description, tags, examples });

/**
 * The fixed hierarchy. Permissions are least privilege: each L2 holds exactly the actions of its
 * specialty (names as in application/agents/agent-actions.ts ACTION_NAMES), and EPA holds none:
 * it only plans and delegates, so a compromised plan cannot make it act on its own.
 */
const ROSTER_PROPS: readonly AgentProps[] = [
  {
    code: 'EPA',
    name: 'Executive Planning Agent',
    level: 'L3',
    role: 'Orchestrator',
    description: 'Turns a goal into a plan of specialist tasks, validates it and delegates every task.',
    skills: [
      skill(
        'plan_goal',
        'Plan a goal',
        'Breaks a goal into a DAG of tasks for the L2 specialists and runs it.',
        ['planning', 'orchestration'],
        ['plan and execute wave 1', 'run a cost review', 'assess the portfolio'],
      ),
    ],
    permissions: [],
    parent: null,
    status: 'active',
  },
  {
    code: 'RSA',
    name: 'Refactoring Strategy Agent',
    level: 'L2',
    role: 'Modernization strategist',
    description: 'Assesses workloads for readiness and recommends a 6R strategy for each.',
    skills: [
      skill(
        'assess_workloads',
        'Assess workloads',
        'Scores readiness and recommends rehost, replatform, refactor, repurchase, retire or retain.',
        ['migration', 'assessment', '6r'],
        ['assess the portfolio', 'which workloads can be rehosted?'],
      ),
    ],
    permissions: ['migration.assess'],
    parent: null,
    status: 'active',
  },
  {
    code: 'FIA',
    name: 'Financial Insight Agent',
    level: 'L2',
    role: 'FinOps analyst',
    description:
      'Analyzes cloud spend, forecasts it and computes the total cost of ownership of a migration.',
    skills: [
      skill(
        'analyze_costs',
        'Analyze costs',
        'Spend by provider, service, region, tag or resource.',
        ['cost', 'finops'],
        ['what did we spend last month by service?'],
      ),
      skill(
        'forecast_costs',
        'Forecast costs',
        'Next days of spend with a prediction interval.',
        ['cost', 'forecast'],
        ['forecast spend for the next 30 days'],
      ),
      skill(
        'migration_tco',
        'Migration TCO',
        'Total cost of ownership before and after a migration.',
        ['cost', 'migration'],
        ['what will the migration save?'],
      ),
    ],
    permissions: ['cost.analyze', 'cost.forecast', 'migration.tco'],
    parent: null,
    status: 'active',
  },
  {
    code: 'GA',
    name: 'Governance Agent',
    level: 'L2',
    role: 'Security and compliance officer',
    description: 'Evaluates policies on risky actions, reviews threat findings and gates cutovers.',
    skills: [
      skill(
        'evaluate_policy',
        'Evaluate policy',
        'Decides risky tool calls against the active policy version.',
        ['governance', 'policy'],
        ['may DOA terminate production VMs?'],
      ),
      skill(
        'review_threats',
        'Review threats',
        'Open threat findings, worst first, with a risk score.',
        ['security', 'threats'],
        ['run a security review'],
      ),
      skill(
        'cutover_gate',
        'Cutover gate',
        'Checks a workload against policy before its cutover.',
        ['governance', 'migration'],
        ['is web-01 cleared for cutover?'],
      ),
    ],
    permissions: ['policy.evaluate', 'threats.review', 'migration.cutover_gate'],
    parent: null,
    status: 'active',
  },
  {
    code: 'MVA',
    name: 'Migration Velocity Agent',
    level: 'L2',
    role: 'Migration program manager',
    description: 'Plans migration waves and drives each wave through its stages.',
    skills: [
      skill(
        'plan_waves',
        'Plan waves',
        'Groups workloads into waves by dependencies and risk.',
        ['migration', 'planning'],
        ['plan the migration waves'],
      ),
      skill(
        'run_wave',
        'Run a wave',
        'Runs a wave through the 6-stage pipeline and completes the migration.',
        ['migration', 'execution'],
        ['plan and execute wave 1'],
      ),
    ],
    permissions: ['migration.plan_waves', 'migration.plan_wave', 'migration.run_wave', 'migration.complete'],
    parent: null,
    status: 'active',
  },
  {
    code: 'DOA',
    name: 'Deployment Orchestration Agent',
    level: 'L2',
    role: 'Deployment engineer',
    description: 'Executes workload moves, cutovers, rollbacks and resource lifecycle actions on the clouds.',
    skills: [
      skill(
        'execute_workload',
        'Execute a workload move',
        'Provisions the target and moves one workload.',
        ['migration', 'deployment'],
        ['move web-01 to the target cloud'],
      ),
      skill(
        'cutover',
        'Cut over',
        'Switches traffic to the migrated workload, or rolls it back.',
        ['migration', 'deployment'],
        ['cut over web-01'],
      ),
      skill(
        'resource_lifecycle',
        'Resource lifecycle',
        'Starts, stops or terminates a cloud resource behind the policy gate.',
        ['cloud', 'operations'],
        ['stop the idle test VM'],
      ),
    ],
    permissions: [
      'migration.execute_workload',
      'migration.cutover',
      'migration.rollback_workload',
      'cloud.lifecycle',
    ],
    parent: null,
    status: 'active',
  },
  {
    code: 'PMA',
    name: 'Performance Monitoring Agent',
    level: 'L2',
    role: 'Site reliability engineer',
    description:
      'Checks run health (latency, error rate, time to first token) and validates migrated workloads.',
    skills: [
      skill(
        'runs_health',
        'Run health',
        'Latency p50/p95, error rate and TTFT of recent agent runs.',
        ['observability', 'sre'],
        ['are our agents healthy?'],
      ),
      skill(
        'validate_workload',
        'Validate a workload',
        'Checks a migrated workload before and after cutover.',
        ['migration', 'validation'],
        ['validate web-01 after the move'],
      ),
    ],
    permissions: ['runs.health', 'migration.validate'],
    parent: null,
    status: 'active',
  },
];

const build = (props: AgentProps): Agent => {
  const agent = Agent.create(props);
  if (!agent.ok) throw new Error(`roster agent ${props.code} is invalid: ${agent.error.message}`);
  return agent.value;
};

export const ROSTER: readonly Agent[] = ROSTER_PROPS.map(build);

/** The planner and orchestrator; never the performer of a task. */
export const ORCHESTRATOR = 'EPA';

/** Looks agents up by code; `agents` defaults to the fixed roster. */
export class AgentDirectory {
  private readonly byCode: ReadonlyMap<string, Agent>;

  constructor(readonly agents: readonly Agent[] = ROSTER) {
    this.byCode = new Map(agents.map((a) => [a.code, a]));
  }

  find(code: string): Agent | undefined {
    return this.byCode.get(code);
  }

  specialists(): Agent[] {
    return this.agents.filter((a) => a.level === 'L2');
  }
}
