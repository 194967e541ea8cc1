// A generated simulated site in its own process, so the agent under test is measured alone:
// `node --import tsx bench/programs/sim-site.ts DEVICES SEED SUBNET_BASE [TIMING_JSON]` (TIMING_JSON:
// shorter device life-cycle phases, e.g. `{"firmwareUpdateMs":1000}`). Prints one ready line
// with the control URL, the subnets and the ports; stops on SIGTERM.
import { generateSite, startSimulator, type SimTiming } from '@crosspoint/sim';

const [devices = '300', seed = '1', subnetBase = '127.90', timing = '{}'] = process.argv.slice(2);
const sim = await startSimulator({
  site: generateSite({ devices: Number(devices), seed: Number(seed), subnetBase }),
  controlPort: 0,
  timing: JSON.parse(timing) as Partial<SimTiming>,
});
const info = {
  controlUrl: sim.controlUrl,
  subnets: sim.site.subnets.map((s) => ({ cidr: s.cidr, name: s.name })),
  telnetPort: sim.telnetPort,
  ftpPort: sim.site.ftpPort,
  micPort: sim.site.micPort,
  videoPort: sim.site.videoPort,
  devices: sim.devices.length,
};
console.log(`sim-site ready ${JSON.stringify(info)}`);
process.on('SIGTERM', () => {
  void sim.close().then(() => process.exit(0));
});
