import { A2A_PROTOCOL_VERSION, type AgentCard, type AgentSkill } from '@a2a-js/sdk';

/** What the A2A surface needs to know about one agent of the roster. */
export interface A2aAgentInfo {
  /** Stable, URL-safe code (`EPA`, ...): the agent answers at `/a2a/{code}`. */
  readonly code: string;
  readonly name: string;
  /** Place in the hierarchy (`L3`, `L2`, `L1`). */
  readonly level: string;
  readonly role: string;
  readonly description: string;
  readonly skills: readonly A2aSkillInfo[];
}

export interface A2aSkillInfo {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly examples?: readonly string[];
}

/** The agent whose card is also the server's own, at `/.well-known/agent-card.json`. */
export const ROOT_AGENT_CODE = 'EPA';

export const A2A_BASE_PATH = '/a2a';

/** The security scheme names the cards declare; the endpoint accepts exactly these. */
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'apiKey';

const MODES = ['text/plain', 'application/json'];

export const agentEndpointUrl = (baseUrl: string, code: string): string =>
  `${trimSlash(baseUrl)}${A2A_BASE_PATH}/${encodeURIComponent(code)}`;

/**
 * The A2A v1.0 agent card of one agent, in the SDK's object model (serve it with
 * `AgentCard.toJSON`). One JSON-RPC interface per agent; the credentials are Cockpit's own (a user
 * access token or a project API key), so the card declares them as HTTP bearer or `X-Api-Key`.
 */
export function agentCard(agent: A2aAgentInfo, baseUrl: string, version: string): AgentCard {
  const base = trimSlash(baseUrl);
  return {
    name: agent.name,
    description: `${agent.level} ${agent.role}. ${agent.description}`,
    supportedInterfaces: [
      {
        url: agentEndpointUrl(base, agent.code),
        protocolBinding: 'JSONRPC',
        tenant: '',
        protocolVersion: A2A_PROTOCOL_VERSION,
      },
    ],
    provider: { organization: 'Cockpit', url: base },
    version,
    documentationUrl: `${base}/docs`,
    capabilities: { streaming: false, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: {
      [BEARER_SCHEME]: {
        scheme: {
          $case: 'httpAuthSecurityScheme',
          value: {
            description: 'A Cockpit access token (POST /v1/auth/login) or a project API key',
            scheme: 'Bearer',
            bearerFormat: '',
          },
        },
      },
      [API_KEY_SCHEME]: {
        scheme: {
          $case: 'apiKeySecurityScheme',
          value: { description: 'A Cockpit project API key', location: 'header', name: 'X-Api-Key' },
        },
      },
    },
    // Either scheme suffices: each requirement is an alternative.
    securityRequirements: [
      { schemes: { [BEARER_SCHEME]: { list: [] } } },
      { schemes: { [API_KEY_SCHEME]: { list: [] } } },
    ],
    defaultInputModes: [...MODES],
    defaultOutputModes: [...MODES],
    skills: agent.skills.map((skill): AgentSkill => ({
      id: skill.id,
      name: skill.name,
      description: skill.description,
      tags: [...skill.tags],
      examples: [...(skill.examples ?? [])],
      inputModes: [],
      outputModes: [],
      securityRequirements: [],
    })),
    signatures: [],
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
