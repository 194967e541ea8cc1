/**
 * Measures the simulator at scale: `npx tsx --expose-gc packages/sim/src/tools/measure-scale.ts [devices] [sessions]`.
 * Starts a generated site, reports startup time, RSS and heap idle and with `sessions` logged-in telnet
 * sessions, and the timers held while idle. Not a test: numbers depend on the machine.
 */
import { connect } from 'node:net';
import { generateSite } from '../site/generate.ts';
import { startSimulator } from '../simulator.ts';

const devices = Number(process.argv[2] ?? 5000);
const sessions = Number(process.argv[3] ?? 0);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;
const memory = () => {
  gc?.();
  const m = process.memoryUsage();
  return `RSS ${mb(m.rss)}, heap ${mb(m.heapUsed)}`;
};
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

function login(host: string, port: number): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port });
    let seen = '';
    let step = 0;
    s.on('error', reject);
    s.on('data', (b: Buffer) => {
      seen += b.toString('latin1');
      if (step === 0 && seen.includes('Username:')) {
        step = 1;
        s.write('clearone\r\n');
      } else if (step === 1 && seen.includes('Password:')) {
        step = 2;
        s.write('converge\r\n');
      } else if (step === 2 && seen.endsWith('=> ')) {
        step = 3;
        seen = '';
        resolve(() => s.destroy());
      }
    });
  });
}

console.log(`before: ${memory()}, timers ${timers()}`);
const t0 = performance.now();
const site = generateSite({ devices, seed: 1, subnetBase: '127.60' });
const t1 = performance.now();
const sim = await startSimulator({ site });
const t2 = performance.now();
const kinds = new Map<string, number>();
for (const d of sim.devices) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
console.log(`devices: ${JSON.stringify(Object.fromEntries(kinds))}`);
console.log(`generate ${(t1 - t0).toFixed(0)} ms, start ${(t2 - t1).toFixed(0)} ms`);
await new Promise((r) => setTimeout(r, 500));
console.log(`idle: ${memory()}, timers ${timers()}`);
if (sessions > 0) {
  const boxes = sim.devices.filter((d) => d.kind === 'box').slice(0, sessions);
  const t3 = performance.now();
  const closers: (() => void)[] = [];
  for (let i = 0; i < boxes.length; i += 200)
    closers.push(...(await Promise.all(boxes.slice(i, i + 200).map((b) => login(b.ip, b.port ?? 2323)))));
  console.log(`${closers.length} sessions logged in in ${(performance.now() - t3).toFixed(0)} ms`);
  console.log(`with sessions (client sockets in this process too): ${memory()}, timers ${timers()}`);
  for (const c of closers) c();
}
const t4 = performance.now();
await sim.close();
console.log(`close ${(performance.now() - t4).toFixed(0)} ms`);
