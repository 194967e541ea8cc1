import { sql } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { rowsOf } from './raw-rows.ts';

/**
 * How messages of one group (rule, event, condition, channel, recipient) are grouped
 * (docs/alerts.md, "Grouped messages"): the first leaves at once; the ones that follow within
 * `windowMs` of the group's last message are held and leave together, as one digest, once nothing
 * joined for `quietMs` — at most `holdMs` after the first held one, or `burstHoldMs` once a
 * digest holds `burst` rows (a site losing power: one message at the end rather than one a second).
 */
export interface GroupTiming {
  windowMs: number;
  quietMs: number;
  holdMs: number;
  burst: number;
  burstHoldMs: number;
}

export const defaultGroupTiming: GroupTiming = {
  windowMs: 10_000,
  quietMs: 250,
  holdMs: 1000,
  burst: 5,
  burstHoldMs: 15_000,
};

const ms = (n: number) => sql`(${Math.round(n)}::int * interval '1 millisecond')`;

/**
 * One message of a group is queued at `now` (in the queueing transaction, which keeps the group's
 * row locked until it commits: a sender cannot claim the digest in between). Returns true when it
 * leads — it goes on its own, now — and false when it is held for the group's next digest.
 */
export async function joinGroup(
  tx: Pick<Db, 'execute'>,
  g: { key: string; orgId: string; ruleId: string },
  now: Date,
  t: GroupTiming,
): Promise<boolean> {
  const leads = sql`(alert_delivery_groups.held = 0 AND alert_delivery_groups.lead_at + ${ms(t.windowMs)} <= ${now}::timestamptz)`;
  const result = await tx.execute(sql`
    INSERT INTO alert_delivery_groups (key, org_id, rule_id, lead_at, held, first_held_at, due_at)
    VALUES (${g.key}, ${g.orgId}, ${g.ruleId}, ${now}::timestamptz, 0, NULL, ${now}::timestamptz)
    ON CONFLICT (key) DO UPDATE SET
      lead_at = CASE WHEN ${leads} THEN ${now}::timestamptz ELSE alert_delivery_groups.lead_at END,
      first_held_at = CASE
        WHEN ${leads} THEN NULL
        WHEN alert_delivery_groups.held = 0 THEN ${now}::timestamptz
        ELSE alert_delivery_groups.first_held_at END,
      due_at = CASE WHEN ${leads} THEN ${now}::timestamptz ELSE LEAST(
        ${now}::timestamptz + ${ms(t.quietMs)},
        COALESCE(CASE WHEN alert_delivery_groups.held = 0 THEN NULL ELSE alert_delivery_groups.first_held_at END, ${now}::timestamptz)
          + CASE WHEN alert_delivery_groups.held + 1 >= ${t.burst}::int THEN ${ms(t.burstHoldMs)} ELSE ${ms(t.holdMs)} END
      ) END,
      held = CASE WHEN ${leads} THEN 0 ELSE alert_delivery_groups.held + 1 END
    RETURNING held`);
  return rowsOf<{ held: number }>(result)[0]?.held === 0;
}
