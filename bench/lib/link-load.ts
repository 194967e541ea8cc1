// Scripted agents for the hub scenarios: a generated fleet as link frames, and a pipelined sender
// that keeps K frames in flight on the real /agent/v1 WebSocket (FakeAgent from the hub's test kit).
import { randomBytes } from 'node:crypto';
import type { LinkChange, LinkDevice } from '@crosspoint/protocol';
import { FakeAgent } from '@crosspoint/hub/testing';
import { seededRandom } from './detection.ts';
import { summarize, type Summary } from './stats.ts';

const sites = [
  'Austin',
  'Berlin',
  'Boston',
  'Chicago',
  'Denver',
  'Dublin',
  'Lisbon',
  'London',
  'Madrid',
  'Milan',
  'Munich',
  'Oslo',
  'Paris',
  'Prague',
  'Seattle',
  'Sydney',
  'Tokyo',
  'Toronto',
  'Vienna',
  'Zurich',
];
const proAudioModels = [
  'CONVERGE® Pro 2 128V',
  'CONVERGE® Pro 2 48V',
  'CONVERGE® Pro 2 128',
  'CONVERGE® Pro 2 128D',
  'CONVERGE® Pro 2 128T',
  'CONVERGE® Huddle',
  'BMA 360D',
  'BFM 2',
  'USB Expander',
  'GPIO Expander',
];
const videoModels = ['COLLABORATE® Live 300', 'COLLABORATE® Live 600'];
/** Status mix of a fleet on an ordinary day: mostly Healthy, a few Down, a few issues. */
const statusMix: [string, number][] = [
  ['Healthy', 0.94],
  ['Down', 0.03],
  ['Safety Mute On', 0.01],
  ['Login Failed', 0.005],
  ['Incomplete Stack', 0.005],
  ['Locate Light On', 0.005],
  ['Updating Firmware', 0.005],
];

function pick<T>(items: readonly T[], r: number): T {
  return items[Math.min(items.length - 1, Math.floor(r * items.length))] as T;
}

function statusFor(r: number): string {
  let acc = 0;
  for (const [status, weight] of statusMix) {
    acc += weight;
    if (r < acc) return status;
  }
  return 'Healthy';
}

/**
 * Device `n` of site `agent`, the same on every run: realistic names ("Lisbon 7-12 DSP1"), models,
 * addresses and paths, a status from an ordinary day's mix, "since" up to 30 days back from `now`.
 */
export function benchDevice(agent: number, n: number, now: number): LinkDevice {
  const r = seededRandom(agent * 1_000_003 + n);
  const video = r() < 0.1;
  const site = pick(sites, r());
  const floor = 1 + Math.floor(r() * 30);
  const room = 1 + Math.floor(r() * 40);
  const serial = `${String(1000 + agent).slice(-4)}-${String(n).padStart(6, '0')}-${video ? '02' : '01'}`;
  const subnet = `10.${String(agent % 256)}.${String(Math.floor(n / 240) % 256)}`;
  return {
    id: `${video ? 'cl' : 'cp2'}-${serial}`,
    family: video ? 'COLLABORATE Live' : 'CONVERGE Pro 2',
    model: video ? pick(videoModels, r()) : pick(proAudioModels, r()),
    serial,
    firmware: r() < 0.8 ? '4.4.0.2' : '4.3.1.0',
    name: `${site} ${String(floor)}-${String(room)} ${video ? 'Codec' : `DSP${String(1 + Math.floor(r() * 3))}`}`,
    ip: `${subnet}.${String(10 + (n % 240))}`,
    path: [
      `${site} agent ${String(agent)}`,
      `Subnet ${subnet}.0/24 (eth0)`,
      `Stack ${site} ${String(floor)}-${String(room)}`,
      'C-Link 01',
    ],
    status: statusFor(r()),
    since: now - Math.floor(r() * 30 * 86_400_000),
  };
}

/** Devices 0…count-1 of site `agent`. */
export const benchFleet = (agent: number, count: number, now = Date.now()): LinkDevice[] =>
  Array.from({ length: count }, (_, n) => benchDevice(agent, n, now));

/**
 * Batch `k` of a stream of status changes over `ids`: `size` consecutive devices (wrapping), each
 * batch touching distinct devices; a device's status alternates Healthy ↔ Down every time the
 * stream comes back to it, so every change is a real change.
 */
export function deltasBatch(ids: readonly string[], k: number, size: number, at: number): LinkChange[] {
  if (size > ids.length)
    throw new Error(`a batch of ${size} needs at least ${size} devices (got ${ids.length})`);
  const changes: LinkChange[] = [];
  for (let i = 0; i < size; i++) {
    const position = k * size + i;
    const round = Math.floor(position / ids.length);
    changes.push({
      id: ids[position % ids.length] as string,
      status: round % 2 === 0 ? 'Down' : 'Healthy',
      since: at,
      at,
    });
  }
  return changes;
}

export interface ScriptedAgent {
  agent: FakeAgent;
  /** The next sequence number to use. */
  seq: number;
}

/** Connects, says hello (a fresh instance each run) and waits for the welcome. */
export async function connectScripted(
  hubUrl: string,
  login: string,
  password: string,
): Promise<ScriptedAgent> {
  const agent = await FakeAgent.connect(hubUrl, login, password);
  agent.hello(`bench-${randomBytes(6).toString('hex')}`);
  const welcome = await agent.next('welcome');
  return { agent, seq: welcome.lastSeq + 1 };
}

/** Sends a full inventory and waits for its acknowledgement; returns how long that took (ms). */
export async function sendInventory(s: ScriptedAgent, devices: LinkDevice[]): Promise<number> {
  const seq = s.seq++;
  const t0 = performance.now();
  s.agent.send({ type: 'inventory', seq, devices });
  await s.agent.next('ack', (f) => f.seq === seq);
  return performance.now() - t0;
}

export interface StreamResult {
  frames: number;
  /** Changes in frames the hub acknowledged. */
  acked: number;
  ackMs: number[];
}

/**
 * Sends `deltas` frames of `batch` changes over `ids` as fast as acknowledgements allow, with
 * `inFlight` frames outstanding, until `until` (performance.now() clock); then waits for every
 * outstanding acknowledgement.
 */
export async function streamDeltas(
  s: ScriptedAgent,
  ids: readonly string[],
  batch: number,
  inFlight: number,
  until: number,
): Promise<StreamResult> {
  const result: StreamResult = { frames: 0, acked: 0, ackMs: [] };
  let k = 0;
  const lane = async () => {
    while (performance.now() < until) {
      const seq = s.seq++;
      const changes = deltasBatch(ids, k++, batch, Date.now());
      const t0 = performance.now();
      s.agent.send({ type: 'deltas', seq, changes });
      await s.agent.next('ack', (f) => f.seq === seq);
      result.ackMs.push(performance.now() - t0);
      result.frames++;
      result.acked += changes.length;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return result;
}

export const ackSummary = (results: readonly StreamResult[]): Summary =>
  summarize(results.flatMap((r) => r.ackMs));
