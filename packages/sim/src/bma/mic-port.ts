import type { WireFaults } from '../net/wire.ts';

/** A control session of a mic, as the mic's pushes address it. */
export interface MicListener {
  sendLine(line: string): void;
}

/**
 * What a mic's control sessions see of it. The mic owns its sessions; they depend on this type
 * only, never on the Mic class, so no import cycle runs through the mic.
 */
export interface MicPort {
  readonly ip: string;
  readonly mac: string;
  readonly serial: string;
  readonly firmware: string;
  readonly wire: WireFaults;
  readonly locate: boolean;
  /** Beam zones 1..12 enabled (bit i-1). */
  zones: number;
  readonly levels: Map<string, number>;
  /** The BEAMREPORT digits b12…b1. */
  beamReport(): string;
  /** Sets the locate mode and tells every session but `except`. */
  setLocate(on: boolean, except?: MicListener): void;
}
