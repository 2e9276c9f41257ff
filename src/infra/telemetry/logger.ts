import { pino, type Logger } from 'pino';
import type { LogLevel } from '../../config.ts';

/** JSON logs on stdout; credentials never reach them. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'apiKey', '*.apiKey', 'password', '*.password', 'databaseUrl'],
      censor: '[redacted]',
    },
  });
}
export type { Logger };
