/** Durations of the simulated device life cycle. Tests pass short ones; the defaults feel real. */
export interface SimTiming {
  /** Updating Firmware phase, during which progress lines are pushed. */
  firmwareUpdateMs: number;
  /** Restarting... phase (listener closed) after firmware, RESET or FACTORYDEFAULT. */
  restartMs: number;
  /** Configuring phase of a configuration load. */
  configureMs: number;
  /** Default half-period of the `flap` fault. */
  flapPeriodMs: number;
  /** How long an FTP data connection may take to arrive. */
  ftpDataTimeoutMs: number;
  /** Scale applied to every stack's LocateTimeout (1 = seconds as configured). */
  locateScale: number;
}

export const defaultTiming: SimTiming = {
  firmwareUpdateMs: 8000,
  restartMs: 5000,
  configureMs: 3000,
  flapPeriodMs: 3000,
  ftpDataTimeoutMs: 10_000,
  locateScale: 1,
};

export const resolveTiming = (t: Partial<SimTiming> = {}): SimTiming => ({ ...defaultTiming, ...t });
