import { CockpitApiError, CockpitNetworkError, type Problem } from './errors';

/** The part of the WHATWG fetch API the SDK uses; the global `fetch` by default. */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface FetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface RetryOptions {
  /** Retries after the first attempt (so at most maxRetries + 1 requests). */
  readonly maxRetries: number;
  /** First backoff; it doubles with each retry, up to maxDelayMs, with jitter. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A longer Retry-After is cut to this. */
  readonly maxRetryAfterMs: number;
}

export interface RequestOptions {
  readonly body?: unknown;
  /** Already serialised JSON (step batches are built from pre-serialised steps). */
  readonly rawBody?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T;
}

/** 429 and the gateway errors say "try again"; any other 4xx or 5xx is an answer. */
const RETRYABLE = new Set([429, 502, 503, 504]);

export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^[0-9]+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff with "equal jitter": half the delay is fixed, half random. */
export function backoffDelay(retry: number, options: RetryOptions, random = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** JSON over HTTP to one Cockpit, with the retry rules of PROTOCOL.md. */
export class Transport {
  private readonly baseUrl: string;
  private readonly headers: Record<string, string>;

  constructor(
    baseUrl: string,
    apiKey: string,
    private readonly fetch: FetchLike,
    private readonly retry: RetryOptions,
    private readonly timeoutMs: number,
    userAgent: string,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.headers = {
      authorization: `Bearer ${apiKey}`,
      accept: 'application/json, application/problem+json',
      'user-agent': userAgent,
    };
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const headers =
      body === undefined ? this.headers : { ...this.headers, 'content-type': 'application/json' };
    for (let attempt = 1; ; attempt++) {
      const retriesLeft = attempt <= this.retry.maxRetries;
      let status: number;
      let text: string;
      let retryAfter: string | null = null;
      const signal = this.signalFor(options);
      try {
        const response = await this.fetch(`${this.baseUrl}${path}`, { method, headers, body, signal });
        status = response.status;
        retryAfter = response.headers.get('retry-after');
        // A connection reset while reading the body is a network error like any other.
        text = await response.text();
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (!retriesLeft) throw new CockpitNetworkError(method, path, attempt, error);
        await sleep(backoffDelay(attempt, this.retry), options.signal);
        continue;
      }
      if (status >= 200 && status < 300) return { status, body: parseJson(text) as T };
      if (RETRYABLE.has(status) && retriesLeft) {
        const hinted = parseRetryAfter(retryAfter);
        const delay =
          hinted === null
            ? backoffDelay(attempt, this.retry)
            : Math.min(hinted, this.retry.maxRetryAfterMs) + Math.round(Math.random() * 50);
        await sleep(delay, options.signal);
        continue;
      }
      throw new CockpitApiError(method, path, status, asProblem(parseJson(text)), attempt);
    }
  }

  private signalFor(options: RequestOptions): AbortSignal {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    return options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function asProblem(body: unknown): Problem | null {
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as Problem;
  if (typeof body === 'string' && body !== '') return { detail: body.slice(0, 500) };
  return null;
}

/** setTimeout as a promise that an AbortSignal cuts short (rejecting with its reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
