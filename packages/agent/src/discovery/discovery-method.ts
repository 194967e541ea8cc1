import type { DeviceFamily } from '../inventory/inventory.ts';
import type { SubnetSpec } from './subnet.ts';

/** An address where a device answered, before it is logged into and fingerprinted. */
export interface Candidate {
  host: string;
  port: number;
  /** What the method believes it found (a TCP sweep only knows which port answered). */
  family: DeviceFamily;
}

/**
 * A way of finding devices on one enabled subnet. The TCP connect sweep is the one we have; a real
 * broadcast protocol (devices.md §2.1, unknown today) can be added as another method beside it.
 */
export interface DiscoveryMethod {
  readonly name: string;
  find(subnet: SubnetSpec, signal: AbortSignal): Promise<Candidate[]>;
}
