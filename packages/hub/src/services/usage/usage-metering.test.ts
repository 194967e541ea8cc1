// The device repository handed to whatever applies plans: applyPlan records usage after it, a failed
// record never fails the caller (the hourly sweep takes it), and every other member is the repository's.
import { describe, expect, it } from 'vitest';
import type { UsageRepository } from '../../repositories/usage.repository.ts';
import { UsageService } from './usage.service.ts';

class Devices {
  #applied: string[] = [];
  applyPlan(orgId: string): Promise<boolean> {
    this.#applied.push(orgId);
    return Promise.resolve(true);
  }
  applied(): string[] {
    return this.#applied;
  }
}

describe('usage metering of applied plans', () => {
  it('records the organization after each applied plan', async () => {
    const recorded: string[] = [];
    const repo = { record: (_at: Date, orgId?: string) => Promise.resolve(recorded.push(orgId ?? '')) };
    const usage = new UsageService(repo as unknown as UsageRepository, () => new Date(), 0);
    const devices = usage.metering(new Devices());
    expect(await devices.applyPlan('org-1')).toBe(true);
    expect(recorded).toEqual(['org-1']);
    expect(devices.applied()).toEqual(['org-1']);
  });

  it('keeps applying plans when a record fails, and reports it', async () => {
    const errors: unknown[] = [];
    const repo = { record: () => Promise.reject(new Error('database away')) };
    const usage = new UsageService(
      repo as unknown as UsageRepository,
      () => new Date(),
      0,
      (e) => errors.push(e),
    );
    expect(await usage.metering(new Devices()).applyPlan('org-2')).toBe(true);
    expect(errors).toHaveLength(1);
  });
});
