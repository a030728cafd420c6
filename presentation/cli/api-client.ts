/** A failure the CLI reports as one readable line and a non-zero exit. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Thin HTTP client for the Cockpit API that turns problem+json answers into readable errors. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly credential: string | null,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.credential ? { authorization: `Bearer ${this.credential}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new CliError(
        `Cockpit is not reachable at ${this.baseUrl}: start it with \`npm start\` or set COCKPIT_URL`,
      );
    }
    const text = await response.text();
    const json: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const problem = (json ?? {}) as {
        title?: string;
        detail?: string;
        errors?: { path: string; message: string }[];
      };
      const fields = (problem.errors ?? []).map((e) => `\n  - ${e.path}: ${e.message}`).join('');
      throw new CliError(
        `${response.status} ${problem.title ?? response.statusText}: ${problem.detail ?? text}${fields}`,
      );
    }
    return json as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
