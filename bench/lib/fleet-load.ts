// Loading a generated fleet into a hub through the agent link: one full inventory per agent account,
// sent by scripted agents (`link-load.ts`), a few accounts at a time.
import { benchFleet, connectScripted, sendInventory } from './link-load.ts';
import { summarize, type Summary } from './stats.ts';

/** One agent account's inventory: `count` devices of generated site `site` (`benchFleet`). */
export interface Inventory {
  login: string;
  site: number;
  count: number;
}

/**
 * `devices` in inventories of `perAccount` (the last one smaller), one per login in order, sites
 * numbered from 1: one big organization with many sites.
 */
export function inventoriesOf(logins: readonly string[], devices: number, perAccount: number): Inventory[] {
  const n = Math.ceil(devices / perAccount);
  if (n > logins.length)
    throw new Error(`${devices} devices need ${n} agent accounts (got ${logins.length})`);
  return Array.from({ length: n }, (_, a) => ({
    login: logins[a] as string,
    site: a + 1,
    count: Math.min(perAccount, devices - a * perAccount),
  }));
}

/**
 * `devices` spread evenly over the logins (the first ones take one more when it does not divide),
 * sites numbered from 1: many organizations of the same size, one account each.
 */
export function inventoriesSpread(logins: readonly string[], devices: number): Inventory[] {
  const base = Math.floor(devices / logins.length);
  const extra = devices % logins.length;
  return logins.map((login, a) => ({ login, site: a + 1, count: base + (a < extra ? 1 : 0) }));
}

/**
 * Sends each inventory from its account (a fresh agent instance each), `parallel` accounts at a
 * time, and waits for every acknowledgement; logs progress every `logEvery` accounts.
 */
export async function loadFleet(
  hubUrl: string,
  password: string,
  inventories: readonly Inventory[],
  parallel: number,
  log: (line: string) => void,
  logEvery = 5,
): Promise<{ seconds: number; inventoryMs: Summary }> {
  const loadedAfter: number[] = [];
  inventories.reduce((n, inv, i) => (loadedAfter[i] = n + inv.count), 0);
  const ms: number[] = [];
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let a = next++; a < inventories.length; a = next++) {
        const inv = inventories[a] as Inventory;
        const s = await connectScripted(hubUrl, inv.login, password);
        try {
          ms.push(await sendInventory(s, benchFleet(inv.site, inv.count)));
        } finally {
          s.agent.close();
        }
        if ((a + 1) % logEvery === 0 || a + 1 === inventories.length)
          log(`${String(loadedAfter[a])} devices loaded`);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, inventoryMs: summarize(ms) };
}
