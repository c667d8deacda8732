import { LoggerService } from '@nestjs/common';
import pino, { Logger, LevelWithSilent } from 'pino';

let root: Logger | undefined;

/** The process-wide JSON logger (pino) on stdout. */
export function rootLogger(level: LevelWithSilent = (process.env.VIGIE_LOG_LEVEL as LevelWithSilent) ?? 'info'): Logger {
  if (!root) {
    root = pino({
      level: process.env.NODE_ENV === 'test' && !process.env.VIGIE_LOG_LEVEL ? 'warn' : level,
      base: { service: 'vigie' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    });
  }
  return root;
}

export function setLogLevel(level: LevelWithSilent): void {
  rootLogger().level = level;
}

/** One logger per class: `logger('KafkaEventBus').info({topic}, 'msg')`. */
export function logger(context: string, bindings: Record<string, unknown> = {}): Logger {
  return rootLogger().child({ context, ...bindings });
}

/** Nest's LoggerService over pino, so framework messages are JSON too. */
export class PinoNestLogger implements LoggerService {
  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    rootLogger().error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  private write(level: 'info' | 'warn' | 'debug' | 'trace', message: unknown, context?: string): void {
    if (typeof message === 'object') rootLogger()[level]({ context, ...(message as object) });
    else rootLogger()[level]({ context }, String(message));
  }
}
