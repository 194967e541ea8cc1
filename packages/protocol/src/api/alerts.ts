/**
 * Alerts: rules per organization, the incidents they open, the messages sent for them (email, SMS,
 * signed webhooks), maintenance windows that mute them, and each user's choice of channels.
 */

export * from './alert-rules.ts';
export * from './alert-incidents.ts';
export * from './maintenance-windows.ts';
export * from './alert-webhooks.ts';
export * from './alert-preferences.ts';
export * from './org-smtp.ts';
