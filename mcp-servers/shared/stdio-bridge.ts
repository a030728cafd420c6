import { type Readable, type Writable } from 'node:stream';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import {
  type JSONRPCMessage,
  ReadBuffer,
  isInitializeRequest,
  isJSONRPCRequest,
  serializeMessage,
} from '@modelcontextprotocol/server';

export interface StdioBridgeOptions {
  /** e.g. http://127.0.0.1:8080/mcp/observability-service */
  readonly url: string;
  /** A project API key or a user access token. */
  readonly credential: string;
  readonly log: (message: string) => void;
  readonly input?: Readable;
  readonly output?: Writable;
  /** How long to wait for answers still in flight once the client closed stdin. */
  readonly drainTimeoutMs?: number;
}

/**
 * `cockpit mcp <server>`: an MCP server on stdio (what Claude Desktop launches) that relays every
 * message to the running Cockpit over Streamable HTTP. The embedded database belongs to the server
 * process, so the stdio side holds no state; it works with every protocol revision the server
 * speaks because it forwards messages untouched. When the client closes stdin, answers still in
 * flight are delivered before the bridge stops (scripted clients pipe requests, then EOF).
 */
export function runStdioBridge(options: StdioBridgeOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const upstream = new StreamableHTTPClientTransport(new URL(options.url), {
    requestInit: { headers: { authorization: `Bearer ${options.credential}` } },
  });
  const buffer = new ReadBuffer();
  const initializing = new Set<string | number>();
  const pending = new Set<string | number>();
  let onDrained: (() => void) | null = null;

  const write = (message: JSONRPCMessage) => {
    if (output.writable) output.write(serializeMessage(message));
  };
  const answered = (id: string | number) => {
    pending.delete(id);
    if (pending.size === 0) onDrained?.();
  };

  const forward = (message: JSONRPCMessage) => {
    if (isJSONRPCRequest(message)) {
      pending.add(message.id);
      if (isInitializeRequest(message)) initializing.add(message.id);
    }
    upstream.send(message).catch((error: unknown) => {
      const reason = explain(error, options.url);
      options.log(reason);
      if (isJSONRPCRequest(message) && pending.has(message.id)) {
        write({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: reason } });
        answered(message.id);
      }
    });
  };

  upstream.onmessage = (message: JSONRPCMessage) => {
    if ('id' in message && message.id !== undefined && ('result' in message || 'error' in message)) {
      // 2025-era clients negotiate once; later HTTP requests must carry the agreed version header.
      if (initializing.delete(message.id) && 'result' in message) {
        const version = (message.result as { protocolVersion?: unknown }).protocolVersion;
        if (typeof version === 'string') upstream.setProtocolVersion(version);
      }
      write(message);
      answered(message.id);
      return;
    }
    write(message);
  };
  upstream.onerror = (error) => options.log(explain(error, options.url));

  return new Promise<void>((resolve, reject) => {
    input.on('data', (chunk: Buffer) => {
      buffer.append(chunk);
      for (;;) {
        let message: JSONRPCMessage | null;
        try {
          message = buffer.readMessage();
        } catch (error) {
          options.log(`ignored a line that is not JSON-RPC: ${(error as Error).message}`);
          continue;
        }
        if (!message) break;
        forward(message);
      }
    });
    input.once('end', () => {
      const timeout = setTimeout(() => onDrained?.(), options.drainTimeoutMs ?? 30_000);
      const finish = () => {
        clearTimeout(timeout);
        upstream.close().then(resolve, resolve);
      };
      if (pending.size === 0) finish();
      else onDrained = finish;
    });
    upstream.start().catch(reject);
  });
}

function explain(error: unknown, url: string): string {
  const text = error instanceof Error ? error.message : String(error);
  const status =
    (error as { data?: { status?: number }; status?: number }).data?.status ??
    (error as { status?: number }).status;
  if (status === 401 || /\b401\b|unauthori[sz]ed/i.test(text)) {
    return `Cockpit at ${url} rejected the credential: set COCKPIT_API_KEY to a valid project API key`;
  }
  if (status === 404 || /\b404\b/.test(text)) return `Cockpit at ${url} has no such MCP server`;
  if (/ECONNREFUSED|fetch failed|ENOTFOUND/i.test(text)) {
    return `Cockpit is not reachable at ${url}: start it (npm start) or set COCKPIT_URL`;
  }
  return `relaying to Cockpit failed: ${text}`;
}
