// Pairing injected faults with the alert emails the SMTP sink accepted: one outage, one alert.

/** The hub device id an alert email links to (`Open: <public URL>/devices/<id>`), if any. */
export const linkedDeviceId = (text: string): string | undefined =>
  /\/devices\/([0-9a-f-]{36})\b/i.exec(text)?.[1];

/**
 * Every hub device id an alert email links to: one for a single alert, the listed ones (the first
 * 20) for a grouped message (docs/alerts.md, "Grouped messages").
 */
export const linkedDeviceIds = (text: string): string[] =>
  [...text.matchAll(/\/devices\/([0-9a-f-]{36})\b/gi)].map((m) => m[1] ?? '');

/** How many devices an alert email is about: a grouped one says so in its subject ("Down: 1,999 devices — …"). */
export function devicesInMail(subject: string): number {
  const n = /: ([\d,]+) devices — /.exec(subject)?.[1];
  return n ? Number(n.replace(/,/g, '')) : 1;
}

/** What kind of alert message a subject is: opened, a repeat, a resolution; undefined for other mail. */
export function alertEventOf(subject: string): 'opened' | 'repeat' | 'resolved' | undefined {
  if (!subject.startsWith('[Crosspoint] ')) return undefined;
  const rest = subject.slice('[Crosspoint] '.length);
  if (rest.startsWith('Resolved:')) return 'resolved';
  if (rest.startsWith('Still ')) return 'repeat';
  return 'opened';
}

export interface AlertMail {
  /**
   * The devices the mail is about, as the bench names devices (`host:port`): one for a single alert,
   * each listed device of a grouped one (it counts as the email of each); empty: none we know.
   */
  keys: string[];
  event: 'opened' | 'repeat' | 'resolved' | undefined;
  at: number;
}

export interface FaultMails<F> {
  fault: F;
  /** "Opened" emails about the faulted device after the fault (and before the next fault on it). */
  emails: number;
  /** Milliseconds from the fault to the first of them. */
  latencyMs: number | undefined;
}

export interface MailMatch<F> {
  perFault: FaultMails<F>[];
  /** Faults with no email. */
  lost: number;
  /** Emails beyond the first for a fault. */
  duplicates: number;
  /** "Opened" emails about devices (or moments) no fault explains: a peripheral not folded, a false alarm. */
  unexplained: number;
}

/** Pairs each fault with the "opened" alert emails about its device that followed it. */
export function matchAlertMails<F extends { key: string; before: number }>(
  faults: readonly F[],
  mails: readonly AlertMail[],
): MailMatch<F> {
  const opened = mails.filter((m) => m.event === 'opened');
  const used = new Set<AlertMail>();
  const ordered = [...faults].sort((a, b) => a.before - b.before);
  const perFault = faults.map((f) => {
    const next =
      ordered.find((o) => o.key === f.key && o.before > f.before)?.before ?? Number.POSITIVE_INFINITY;
    const mine = opened
      .filter((m) => m.keys.includes(f.key) && m.at >= f.before && m.at < next)
      .sort((a, b) => a.at - b.at);
    for (const m of mine) used.add(m);
    const first = mine[0];
    return {
      fault: f,
      emails: mine.length,
      latencyMs: first ? first.at - f.before : undefined,
    };
  });
  return {
    perFault,
    lost: perFault.filter((f) => f.emails === 0).length,
    duplicates: perFault.reduce((n, f) => n + Math.max(0, f.emails - 1), 0),
    unexplained: opened.filter((m) => !used.has(m)).length,
  };
}
