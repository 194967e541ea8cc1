export * from './installation.ts';
export * from './organizations.ts';
export * from './identity.ts';
export * from './org-data.ts';
export * from './devices.ts';
export * from './alerts.ts';
export * from './files.ts';
export * from './usage.ts';
