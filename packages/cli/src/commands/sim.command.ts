import { CommanderError, type Command } from 'commander';
import { SettingsError } from '@crosspoint/protocol';
import {
  createSimLogger,
  faultNames,
  generateSite,
  isSimError,
  loadSimConfig,
  readSiteFile,
  startSimulator,
  type SimFlags,
} from '@crosspoint/sim';
import { runUntilSignal, type Output } from '../lifecycle.ts';

const plural: Record<string, string> = { box: 'boxes' };

interface ControlFlags {
  controlUrl?: string;
  controlHost?: string;
  controlPort?: string;
}

/** A failure already explained to the user: exit non-zero without a stack trace. */
function fail(output: Output, code: string, message: string): never {
  output.err(`crosspoint sim: ${code}: ${message}`);
  throw new CommanderError(1, code, message);
}

/** `key=value` pairs → fault parameters; values are JSON when they parse (numbers, booleans), lists when comma-separated. */
export function parseFaultParams(pairs: string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new SettingsError([`fault parameter "${pair}" must look like key=value`]);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw.includes(',') ? raw.split(',') : raw;
    }
    params[key] = value;
  }
  return params;
}

function controlUrl(flags: ControlFlags): string {
  if (flags.controlUrl) return flags.controlUrl.replace(/\/$/, '');
  const config = loadSimConfig({ controlHost: flags.controlHost, controlPort: flags.controlPort });
  return `http://${config.controlHost}:${config.controlPort}`;
}

async function callControl(
  output: Output,
  flags: ControlFlags,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const url = `${controlUrl(flags)}${path}`;
  let res: Response;
  try {
    res = await fetch(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } catch (e) {
    return fail(
      output,
      'SIM_CONTROL_UNREACHABLE',
      `no simulator control API at ${url} (${(e as Error).message})`,
    );
  }
  const json = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  if (!res.ok)
    return fail(output, json.error?.code ?? `HTTP_${res.status}`, json.error?.message ?? res.statusText);
  return json;
}

function withControlAddress(cmd: Command): Command {
  return cmd
    .option(
      '--control-host <address>',
      'loopback address of the control API (env CROSSPOINT_SIM_CONTROL_HOST)',
    )
    .option(
      '--control-port <number>',
      'port of the control API (env CROSSPOINT_SIM_CONTROL_PORT; default 7070)',
    );
}

function withControlOptions(cmd: Command): Command {
  return withControlAddress(
    cmd.option(
      '--control-url <url>',
      'control API of a running simulator (default from --control-host/--control-port)',
    ),
  );
}

function registerFaultCommands(sim: Command, output: Output): void {
  const fault = sim
    .command('fault')
    .summary('inject or clear faults in a running simulator')
    .description(
      `Faults: ${faultNames.join(', ')}. Targets are device ids or stack names (see \`sim devices\`).`,
    );
  withControlOptions(
    fault
      .command('set')
      .description('set a fault, e.g. `sim fault set Room-0001.DSP1 slow delayMs=500`')
      .argument('<target>', 'device id or stack name')
      .argument('<fault>', 'fault name')
      .argument('[params...]', 'parameters as key=value'),
  ).action(async (target: string, name: string, params: string[], _flags: ControlFlags, cmd: Command) => {
    const flags = cmd.optsWithGlobals<ControlFlags>();
    const path = `/faults/${encodeURIComponent(target)}/${encodeURIComponent(name)}`;
    await callControl(output, flags, 'PUT', path, parseFaultParams(params));
    output.out(`fault ${name} set on ${target}`);
  });
  withControlOptions(
    fault
      .command('clear')
      .description('clear one fault, every fault of a target, or (no arguments) every fault')
      .argument('[target]', 'device id or stack name')
      .argument('[fault]', 'fault name'),
  ).action(
    async (target: string | undefined, name: string | undefined, _flags: ControlFlags, cmd: Command) => {
      const flags = cmd.optsWithGlobals<ControlFlags>();
      const path = ['/faults', target, name]
        .filter((p) => p !== undefined)
        .map((p) => (p === '/faults' ? p : encodeURIComponent(p)));
      await callControl(output, flags, 'DELETE', path.join('/'));
      output.out(`cleared ${name ?? 'all faults'}${target ? ` on ${target}` : ''}`);
    },
  );
  withControlOptions(fault.command('list').description('list active faults')).action(
    async (_f: ControlFlags, cmd: Command) => {
      const flags = cmd.optsWithGlobals<ControlFlags>();
      const { faults } = (await callControl(output, flags, 'GET', '/faults')) as {
        faults: { target: string; fault: string; params: unknown }[];
      };
      if (faults.length === 0) output.out('no active faults');
      for (const f of faults) output.out(`${f.target}\t${f.fault}\t${JSON.stringify(f.params)}`);
    },
  );
  withControlOptions(sim.command('devices').description('list the devices of a running simulator')).action(
    async (_f: ControlFlags, cmd: Command) => {
      const flags = cmd.optsWithGlobals<ControlFlags>();
      const { devices } = (await callControl(output, flags, 'GET', '/devices')) as {
        devices: {
          id: string;
          kind: string;
          model: string;
          ip: string;
          port: number | null;
          reachable: boolean;
        }[];
      };
      for (const d of devices)
        output.out(
          `${d.id}\t${d.kind}\t${d.model}\t${d.ip}${d.port ? `:${d.port}` : ''}\t${d.reachable ? 'up' : 'down'}`,
        );
    },
  );
}

export function registerSimCommand(program: Command, output: Output): void {
  const sim = withControlAddress(program.command('sim'))
    .summary('run a fleet of simulated devices on loopback addresses')
    .description(
      'Runs virtual CONVERGE Pro 2 / Huddle boxes, P-Link peripherals, BMA mics and COLLABORATE Live codecs, ' +
        'each on its own 127.x.y.z address, with a fault-injection control API on localhost.',
    )
    .option('--site <file>', 'site description (JSON or YAML) (env CROSSPOINT_SIM_SITE)')
    .option(
      '--generate <count>',
      'generate a site of this many devices instead (env CROSSPOINT_SIM_GENERATE)',
    )
    .option(
      '--seed <number>',
      'seed of the generator, for reproducible sites (env CROSSPOINT_SIM_SEED; default 1)',
    )
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env CROSSPOINT_LOG_LEVEL)')
    .option(
      '--collaborate-space',
      'also run a simulated COLLABORATE Space service (OAuth2 + REST) on loopback (docs/collaborate-space.md)',
    )
    .action(async (flags: SimFlags & { collaborateSpace?: boolean }) => {
      const config = loadSimConfig(flags);
      if (!config.site && !config.generate)
        throw new SettingsError(['give --site <file> or --generate <count>']);
      const started = Date.now();
      try {
        const site = config.site
          ? await readSiteFile(config.site)
          : generateSite({ devices: config.generate ?? 0, seed: config.seed });
        const handle = await startSimulator({
          site,
          controlHost: config.controlHost,
          controlPort: config.controlPort,
          logger: createSimLogger(config.logLevel),
          collaborateSpace: flags.collaborateSpace === true,
        });
        const counts = new Map<string, number>();
        for (const d of handle.devices) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
        output.out(
          `Simulator running: ${[...counts].map(([k, n]) => `${n} ${n === 1 ? k : (plural[k] ?? `${k}s`)}`).join(', ')} ` +
            `in ${handle.site.subnets.length} subnet(s), telnet port ${handle.telnetPort}, started in ${Date.now() - started} ms.`,
        );
        output.out(
          `Control API: ${handle.controlUrl}  (try: crosspoint sim devices --control-url ${handle.controlUrl})`,
        );
        if (handle.collaborateSpace)
          output.out(`Simulated COLLABORATE Space: ${handle.collaborateSpace.url}`);
        output.out('Press Ctrl-C to stop.');
        await runUntilSignal([handle], output);
      } catch (e) {
        if (isSimError(e)) fail(output, e.code, e.message);
        throw e;
      }
    });
  registerFaultCommands(sim, output);
}
