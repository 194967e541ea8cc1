/** The logging the simulator needs; a pino logger fits. Defaults to silent. */
export interface SimLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

const noop = (): void => undefined;
export const silentLogger: SimLogger = { info: noop, warn: noop, error: noop, debug: noop };
