/**
 * Catalog of the device families and models Crosspoint manages (devices.md §2).
 *
 * `code` is the model token used on the wire by the guessed management dialect (cp2-dialect.ts:
 * `BOX <name> UNIT MODEL <code>`, P-Link listings); `displayName` is what AV Manager shows
 * (`CONVERGE® Pro 2 48V` [C SEED0]). Channel counts are guesses [G] (devices.md §7).
 */

export const deviceFamilies = ['cp2', 'huddle', 'plink', 'bma360d', 'video'] as const;
export type DeviceFamily = (typeof deviceFamilies)[number];

/** How a device is reached: its own telnet session, through its host box, its own raw TCP port, or HTTP. */
export type DeviceAccess = 'telnet' | 'via-host' | 'raw-tcp' | 'http';

export interface DeviceModel {
  readonly code: string;
  readonly family: DeviceFamily;
  readonly displayName: string;
  readonly access: DeviceAccess;
  /** TCP port of its control interface (telnet 23 [C PD2], BMA 360D 3603 [C B360D], video HTTP [G]). */
  readonly defaultPort: number | null;
  /** VoIP user-agent lines (`EP UA 101..105`): 5 on V models [C sample project], 0 elsewhere [I]. */
  readonly voipLines: number;
  /** Analog telephone line (TELCO_RX/TELCO_TX) on T models [I from names]. */
  readonly telco: boolean;
  /** Dante on D models [I from names]. */
  readonly dante: boolean;
  /** Microphone/line inputs and outputs [G]. */
  readonly inputs: number;
  readonly outputs: number;
  /** Reports a temperature and can show OVERHEATING! ("for CP2s" [C SEED2]). */
  readonly hasTemperature: boolean;
  /** Counts towards the "at most 3 beamformers per P-Link chain" rule [C PLD]. */
  readonly beamformer: boolean;
  /** Example firmware version in the 4-part dotted form [C SEED0, PLD]; the simulator's default. */
  readonly firmware: string;
}

const cp2 = (
  suffix: string,
  o: { voip?: boolean; telco?: boolean; dante?: boolean; inputs: number; outputs: number },
): DeviceModel => ({
  code: `CP2_${suffix}`,
  family: 'cp2',
  displayName: `CONVERGE® Pro 2 ${suffix}`,
  access: 'telnet',
  defaultPort: 23,
  voipLines: o.voip ? 5 : 0,
  telco: o.telco ?? false,
  dante: o.dante ?? false,
  inputs: o.inputs,
  outputs: o.outputs,
  hasTemperature: true,
  beamformer: false,
  firmware: '8.3.15.0',
});

/** Defaults of a model without audio channels of its own (peripherals, mics, codecs). */
const noChannels = {
  voipLines: 0,
  telco: false,
  dante: false,
  inputs: 0,
  outputs: 0,
  hasTemperature: false,
  beamformer: false,
} as const;

const plink = (code: string, displayName: string, beamformer: boolean, firmware: string): DeviceModel => ({
  ...noChannels,
  code,
  family: 'plink',
  displayName,
  access: 'via-host',
  defaultPort: null,
  beamformer,
  firmware,
});

const video = (size: string): DeviceModel => ({
  ...noChannels,
  code: `CL${size}`,
  family: 'video',
  displayName: `COLLABORATE® Live ${size}`,
  access: 'http',
  defaultPort: 8080,
  firmware: '2.1.0.12',
});

export const deviceModels = {
  CP2_48T: cp2('48T', { telco: true, inputs: 4, outputs: 8 }),
  CP2_48V: cp2('48V', { voip: true, inputs: 4, outputs: 8 }),
  CP2_128: cp2('128', { inputs: 12, outputs: 8 }),
  CP2_128D: cp2('128D', { dante: true, inputs: 12, outputs: 8 }),
  CP2_128T: cp2('128T', { telco: true, inputs: 12, outputs: 8 }),
  CP2_128TD: cp2('128TD', { telco: true, dante: true, inputs: 12, outputs: 8 }),
  CP2_128V: cp2('128V', { voip: true, inputs: 12, outputs: 8 }),
  CP2_128VD: cp2('128VD', { voip: true, dante: true, inputs: 12, outputs: 8 }),
  CP2_120: cp2('120', { inputs: 12, outputs: 8 }),
  HUDDLE: {
    ...cp2('HUDDLE', { inputs: 4, outputs: 4 }),
    code: 'HUDDLE',
    family: 'huddle',
    displayName: 'CONVERGE® Huddle',
    hasTemperature: false,
  },
  USB_EXPANDER: plink('USB_EXPANDER', 'CONVERGE® Pro 2 USB Expander', false, '1.0.2.7'),
  GPIO_EXPANDER: plink('GPIO_EXPANDER', 'CONVERGE® Pro 2 GPIO Expander', false, '1.0.1.4'),
  BT_EXPANDER: plink('BT_EXPANDER', 'CONVERGE® Bluetooth Expander', false, '1.0.1.18'),
  BMA360: plink('BMA360', 'BMA 360', true, '1.2.0.6'),
  BMA_CT: plink('BMA_CT', 'BMA CT', true, '1.1.0.9'),
  BMA_CTH: plink('BMA_CTH', 'BMA CTH', true, '1.1.0.9'),
  BFM2: plink('BFM2', 'Beamforming Mic Array 2', true, '1.0.3.12'),
  DIALOG20: plink('DIALOG20', 'DIALOG® 20', false, '1.0.0.22'),
  BMA360D: {
    ...noChannels,
    code: 'BMA360D',
    family: 'bma360d',
    displayName: 'BMA 360D',
    access: 'raw-tcp',
    defaultPort: 3603,
    dante: true,
    beamformer: true,
    firmware: '1.3.0.2',
  },
  CL300: video('300'),
  CL600: video('600'),
} as const satisfies Record<string, DeviceModel>;

export type DeviceModelCode = keyof typeof deviceModels;
export const deviceModelCodes = Object.keys(deviceModels) as DeviceModelCode[];

/** Model codes of each family, in catalog order. */
export const modelsOfFamily = (family: DeviceFamily): DeviceModelCode[] =>
  deviceModelCodes.filter((c) => deviceModels[c].family === family);

export const isDeviceModelCode = (code: string): code is DeviceModelCode => Object.hasOwn(deviceModels, code);

/** Looks a wire model token up; undefined for unknown models (never throws). */
export const modelByCode = (code: string): DeviceModel | undefined =>
  isDeviceModelCode(code) ? deviceModels[code] : undefined;

/** Most beamforming mics on one P-Link chain [C PLD]. */
export const maxBeamformersPerChain = 3;
/** Default telnet port [C PD2] and the simulator's unprivileged stand-in [G]. */
export const telnetPort = 23;
export const simTelnetPort = 2323;
/** BMA 360D raw TCP control port [C B360D]. */
export const bma360dPort = 3603;
/** Temperature above which a CP2 shows OVERHEATING! [G: no public threshold]. */
export const overheatThresholdC = 75;
/** Default locate timeout, seconds (`LocateTimeout="30"` [C PD2 PCCP2X]). */
export const defaultLocateTimeoutS = 30;
/** Factory credentials [C PD2 PCCP2X, ACA]. */
export const defaultCredentials = { username: 'clearone', password: 'converge' } as const;
