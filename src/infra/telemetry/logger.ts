import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogLevel } from '../../config.ts';

const redact = {
  paths: ['req.headers.authorization', 'req.headers.cookie', 'apiKey', '*.apiKey', 'password', '*.password', 'databaseUrl', 'llm.apiKey', '*.llm.apiKey'],
  censor: '[redacted]',
};

/**
 * JSON logs on stdout for machines; on a terminal (`human`), readable lines instead, so what the
 * server prints for a person (the first-start banner) is not lost among JSON. Credentials never
 * reach either.
 */
export function createLogger(level: LogLevel, human = false): Logger {
  if (!human) return pino({ level, redact });
  return pino({ level, redact }, pretty({ sync: true, colorize: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }));
}
export type { Logger };
