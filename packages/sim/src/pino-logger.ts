import { pino } from 'pino';
import type { SimLogger } from './logger.ts';

/** A pino logger for the simulator program (JSON lines on stdout). */
export function createSimLogger(
  level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent',
): SimLogger {
  return pino({ name: 'crosspoint-sim', level });
}
