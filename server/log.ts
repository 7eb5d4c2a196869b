// Structured logs. Never log answers, codes, cookies, session ids, IP addresses or
// user agents: request lines carry method, route, status and duration only.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: { paths: ['req.headers', 'headers', 'body', 'cookie', 'password'], censor: '[redacted]' },
  });
}
