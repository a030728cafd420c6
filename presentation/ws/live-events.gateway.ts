import { type IncomingMessage, type Server } from 'node:http';
import { type Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { type Actor } from '../../application/shared/actor';
import { type AuthenticateUseCase } from '../../application/tenancy/authenticate.use-case';
import { type EventBus, type TenantEvent } from '../../domain/shared/ports/event-publisher.port';
import { roleAtLeast } from '../../domain/tenancy/role';

/** Close codes: 4401 = not (or no longer) authenticated, 4400 = malformed message. */
export const WS_UNAUTHORIZED = 4401;
export const WS_BAD_MESSAGE = 4400;

interface Client {
  readonly socket: WebSocket;
  readonly credential: string;
  actor: Actor;
  /** Empty: every event of the tenant (within what the credential may see). */
  topics: Set<string>;
}

export interface LiveEventsOptions {
  readonly path: string;
  /** How long an unauthenticated socket may wait before sending `{type: "auth", token}`. */
  readonly authTimeoutMs: number;
  /** How often each connection's credential is checked again (revoked keys, ended sessions). */
  readonly recheckMs: number;
}

/**
 * Live events over WebSocket. A socket authenticates with `?token=` or a first `{type:"auth"}`
 * message and is closed (4401) on failure. Each tenant is a room: a socket only ever receives
 * events of the tenant its credential acts in, narrowed by `{type:"subscribe", topics:[...]}`.
 */
export class LiveEventsGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly rooms = new Map<string, Set<Client>>();
  private readonly unsubscribe: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly authenticate: AuthenticateUseCase,
    private readonly events: EventBus,
    private readonly options: LiveEventsOptions,
  ) {
    this.unsubscribe = events.subscribe((event) => this.deliver(event));
    this.timer = setInterval(() => void this.recheckAll(), options.recheckMs);
    this.timer.unref();
  }

  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== this.options.path) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(
        request,
        socket,
        head,
        (ws) => void this.onConnection(ws, url.searchParams.get('token')),
      );
    });
  }

  /** Number of authenticated sockets in a tenant's room (for tests and metrics). */
  roomSize(tenantId: string): number {
    return this.rooms.get(tenantId)?.size ?? 0;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    clearInterval(this.timer);
    for (const ws of this.wss.clients) ws.close(1001, 'server shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async onConnection(ws: WebSocket, queryToken: string | null): Promise<void> {
    if (queryToken) {
      await this.admit(ws, queryToken);
      return;
    }
    const deadline = setTimeout(
      () => ws.close(WS_UNAUTHORIZED, 'authentication timed out'),
      this.options.authTimeoutMs,
    );
    ws.once('message', (raw) => {
      clearTimeout(deadline);
      const message = parse(raw);
      if (message?.type !== 'auth' || typeof message.token !== 'string') {
        ws.close(WS_UNAUTHORIZED, 'first message must be {"type":"auth","token":"..."}');
        return;
      }
      void this.admit(ws, message.token);
    });
  }

  private async admit(ws: WebSocket, credential: string): Promise<void> {
    const result = await this.authenticate.execute(credential).catch(() => null);
    if (!result?.ok) {
      ws.close(WS_UNAUTHORIZED, result ? result.error.message.slice(0, 120) : 'authentication failed');
      return;
    }
    const actor = result.value;
    if (!actor.tenantId) {
      ws.close(WS_UNAUTHORIZED, 'this credential does not act inside a tenant');
      return;
    }
    const client: Client = { socket: ws, credential, actor, topics: new Set() };
    const room = this.rooms.get(actor.tenantId) ?? new Set<Client>();
    room.add(client);
    this.rooms.set(actor.tenantId, room);
    // each socket holds a watch of its tenant (the bus counts them), so viewers-only events reach
    // this replica from every other one while anybody here looks
    const watching = this.events.watch(actor.tenantId);
    ws.on('close', () => {
      this.leave(client);
      void watching.then((unwatch) => unwatch());
    });
    ws.on('message', (raw) => this.onMessage(client, raw));
    // "ready" means what it says: events of the tenant now reach this socket from every replica
    await watching;
    send(ws, { type: 'ready', tenant_id: actor.tenantId, role: actor.role });
  }

  private onMessage(client: Client, raw: RawData): void {
    const message = parse(raw);
    if (message?.type === 'ping') return send(client.socket, { type: 'pong' });
    if (message?.type === 'subscribe' && Array.isArray(message.topics) && message.topics.every(isTopic)) {
      client.topics = new Set(message.topics as string[]);
      return send(client.socket, { type: 'subscribed', topics: [...client.topics] });
    }
    client.socket.close(WS_BAD_MESSAGE, 'unknown message');
  }

  private deliver(event: TenantEvent): void {
    const room = this.rooms.get(event.tenantId);
    if (!room) return;
    const payload = JSON.stringify({
      type: 'event',
      event: event.type,
      topics: event.topics,
      data: event.data,
      at: event.at,
    });
    for (const client of room) {
      if (visible(client, event) && client.socket.readyState === WebSocket.OPEN) client.socket.send(payload);
    }
  }

  private async recheckAll(): Promise<void> {
    for (const room of this.rooms.values()) {
      for (const client of room) {
        const result = await this.authenticate.execute(client.credential).catch(() => null);
        if (!result?.ok || result.value.tenantId !== client.actor.tenantId) {
          client.socket.close(WS_UNAUTHORIZED, 'credential no longer valid');
        } else {
          client.actor = result.value;
        }
      }
    }
  }

  private leave(client: Client): void {
    const tenantId = client.actor.tenantId as string;
    const room = this.rooms.get(tenantId);
    room?.delete(client);
    if (room && room.size === 0) this.rooms.delete(tenantId);
  }
}

/** API keys only see events about their own project; subscriptions narrow further. */
function visible(client: Client, event: TenantEvent): boolean {
  if (
    event.audience === 'approvers' &&
    (client.actor.kind !== 'user' ||
      client.actor.role === null ||
      !roleAtLeast(client.actor.role, 'approver'))
  )
    return false;
  if (client.actor.kind === 'api_key' && !event.topics.includes(`project:${client.actor.projectId}`))
    return false;
  return client.topics.size === 0 || event.topics.some((topic) => client.topics.has(topic));
}

const isTopic = (value: unknown): boolean =>
  typeof value === 'string' &&
  (/^(project|run|workflow|approval):[0-9a-f-]{36}$/.test(value) || value === 'approvals');

function parse(raw: RawData): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw.toString());
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
}
