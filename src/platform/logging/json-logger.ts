/**
 * Nest's logger as JSON lines on stdout (one object per line: level, time, context, msg and
 * any fields passed as an object), the same shape Fastify's request logs use.
 */
import type { LoggerService, LogLevel as NestLevel } from '@nestjs/common';
import type { LogLevel } from '../config/app-config';

const ORDER: Record<LogLevel, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: 100,
};
const FROM_NEST: Record<NestLevel, LogLevel> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel,
    private readonly write: (line: string) => void = (l) => process.stdout.write(l),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('fatal', message, rest);
  }

  private emit(nestLevel: NestLevel, message: unknown, rest: unknown[]): void {
    const level = FROM_NEST[nestLevel];
    if (ORDER[level] < ORDER[this.level]) return;
    const context =
      typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const fields =
      typeof message === 'object' && message !== null
        ? (message as Record<string, unknown>)
        : { msg: String(message) };
    this.write(
      JSON.stringify({ level, time: new Date().toISOString(), context, ...fields }) + '\n',
    );
  }
}
