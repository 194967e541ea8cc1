export * from './ids.ts';
export * from './errors.ts';
export * from './settings.ts';
export * from './api/system.ts';
export * from './devices/device-status.ts';
export * from './devices/index.ts';
