import type { ClientUsageReport, UsageReport } from '@crosspoint/protocol';

/**
 * Usage as CSV (RFC 4180, CRLF): one header line of stable snake_case names, then one line per day
 * or per client. A text starting with = + - @ gets a leading apostrophe, so a spreadsheet shows it
 * as text and never runs it as a formula.
 */
function field(v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v !== 'string') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const lines = (rows: (string | number | boolean | null)[][]): string =>
  rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';

export const usageCsvHeader = [
  'day',
  'pro_audio_peak',
  'pro_audio_device_days',
  'video_peak',
  'video_device_days',
  'overflow',
  'overflowed_peak',
  'plan_max_devices',
  'partial',
];

/** An organization's usage, one line per day. */
export function usageCsv(report: UsageReport): string {
  return lines([
    usageCsvHeader,
    ...report.days.map((d) => [
      d.day,
      d.proAudio.peak,
      d.proAudio.deviceDays,
      d.video.peak,
      d.video.deviceDays,
      d.overflow,
      d.proAudio.overflowedPeak + d.video.overflowedPeak,
      d.planMaxDevices,
      d.partial,
    ]),
  ]);
}

export const clientUsageCsvHeader = [
  'month',
  'org_id',
  'name',
  'account_number',
  'client_reference',
  'plan_max_devices',
  'pro_audio_average_devices',
  'pro_audio_peak',
  'pro_audio_device_days',
  'video_average_devices',
  'video_peak',
  'video_device_days',
  'overflow_days',
  'days_metered',
  'since',
  'until',
];

/** A month's usage of a support organization's clients, one line per client (per term, if it changed hands). */
export function clientUsageCsv(report: ClientUsageReport): string {
  return lines([
    clientUsageCsvHeader,
    ...report.items.map((c) => [
      report.month,
      c.orgId,
      c.name,
      c.accountNumber,
      c.clientReference,
      c.planMaxDevices,
      c.total.proAudio.averageDevices,
      c.total.proAudio.peak,
      c.total.proAudio.deviceDays,
      c.total.video.averageDevices,
      c.total.video.peak,
      c.total.video.deviceDays,
      c.total.overflowDays,
      c.total.daysMetered,
      c.since,
      c.until,
    ]),
  ]);
}
