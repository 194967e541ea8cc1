import type { Scenario } from '../lib/scenario.ts';
import { agentScaleScenario } from './agent-scale.ts';
import { alertsScenario } from './alerts.ts';
import { apiScenario } from './api.ts';
import { batchFirmwareScenario } from './batch-firmware.ts';
import { detectionScenario } from './detection.ts';
import { fileTransferScenario } from './file-transfer.ts';
import { fleetScenario } from './fleet.ts';
import { ingestScenario } from './ingest.ts';
import { rollupListScenario } from './rollup-list.ts';
import { soakScenario } from './soak.ts';
import { uplinkScenario } from './uplink.ts';
import { webListScenario } from './web-list.ts';

/** Every scenario, in the order `npm run bench` runs them. */
export const scenarios: Scenario[] = [
  apiScenario,
  agentScaleScenario,
  detectionScenario,
  ingestScenario,
  uplinkScenario,
  webListScenario,
  rollupListScenario,
  alertsScenario,
  batchFirmwareScenario,
  fileTransferScenario,
  soakScenario,
  fleetScenario,
];
