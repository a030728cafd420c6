import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { maskSensitive, maskString } from './mask-sensitive';

interface RequestLike {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  ip?: string;
  socket?: { remoteAddress?: string };
  id?: string;
}

interface ReplyLike {
  statusCode?: number;
  getHeaders?: () => Record<string, unknown>;
}

/**
 * Structured JSON logs. Every argument goes through the masker before pino sees it, and the
 * request/response serializers mask headers and URLs, so no credential is ever written.
 */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  const config: LoggerOptions = {
    level: options.level,
    base: { service: 'cockpit' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: {
      req: (req: RequestLike) => ({
        id: req.id,
        method: req.method,
        url: req.url ? maskString(req.url) : undefined,
        remoteAddress: req.ip ?? req.socket?.remoteAddress,
        headers: maskSensitive(req.headers ?? {}),
      }),
      res: (res: ReplyLike) => ({
        statusCode: res.statusCode,
        headers: res.getHeaders ? maskSensitive({ ...res.getHeaders() }) : undefined,
      }),
      err: (error: Error) => maskSensitive(error),
    },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((arg) => maskSensitive(arg)) as Parameters<typeof method>;
        method.apply(this, masked);
      },
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
