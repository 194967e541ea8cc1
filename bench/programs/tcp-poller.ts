// Baseline of the detection scenarios: a polling monitor like Uptime Kuma's "TCP Port" monitor, in
// its own process so its cost is measured alone:
// `node --import tsx bench/programs/tcp-poller.ts TARGETS_JSON_FILE INTERVAL_MS TIMEOUT_MS SEED`.
// Every target is checked once per interval, each on its own phase (chosen at random, like monitors
// created at different times). A check opens a TCP connection; for targets marked `banner` (telnet
// boxes, which greet at once) it also waits for the first byte. Every failed check is one line:
//   {"t":"fail","key":"127.91.1.10:2323","verdict":"refused"|"timeout"|"silent"|"closed","at":…}
// `refused`/`timeout` are what a TCP-connect monitor notices; `silent`/`closed` only a monitor that
// also waits for the greeting. Prints `tcp-poller ready {…}` once every target is scheduled.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

interface Target {
  host: string;
  port: number;
  banner: boolean;
}
type Verdict = 'ok' | 'refused' | 'timeout' | 'silent' | 'closed';

const [file = '', intervalArg = '20000', timeoutArg = '2000', seedArg = '1'] = process.argv.slice(2);
const targets = JSON.parse(readFileSync(file, 'utf8')) as Target[];
const intervalMs = Number(intervalArg);
const timeoutMs = Number(timeoutArg);
let seed = Number(seedArg) >>> 0;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 4294967296;
};

function check(target: Target): Promise<Verdict> {
  return new Promise((resolve) => {
    let connected = false;
    let done = false;
    const socket = connect({ host: target.host, port: target.port });
    const finish = (verdict: Verdict) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(verdict);
    };
    const timer = setTimeout(() => {
      finish(connected ? 'silent' : 'timeout');
    }, timeoutMs);
    socket.once('connect', () => {
      connected = true;
      if (!target.banner) finish('ok');
    });
    socket.once('data', () => {
      finish('ok');
    });
    socket.once('error', () => {
      finish(connected ? 'closed' : 'refused');
    });
    socket.once('close', () => {
      finish(connected ? 'closed' : 'refused');
    });
  });
}

let running = true;
const timers = new Set<NodeJS.Timeout>();
function schedule(target: Target, at: number): void {
  const t = setTimeout(
    () => {
      timers.delete(t);
      if (!running) return;
      void check(target).then((verdict) => {
        if (verdict !== 'ok')
          process.stdout.write(
            `${JSON.stringify({ t: 'fail', key: `${target.host}:${target.port}`, verdict, at: Date.now() })}\n`,
          );
      });
      // Fixed rate, like a monitor's heartbeat: the next check does not wait for this one.
      schedule(target, at + intervalMs);
    },
    Math.max(0, at - Date.now()),
  );
  timers.add(t);
}

const start = Date.now();
for (const target of targets) schedule(target, start + Math.floor(random() * intervalMs));
console.log(`tcp-poller ready ${JSON.stringify({ targets: targets.length, intervalMs, timeoutMs })}`);
process.on('SIGTERM', () => {
  running = false;
  for (const t of timers) clearTimeout(t);
  process.exit(0);
});
