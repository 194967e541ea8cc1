import { describe, expect, it } from 'vitest';
import { benchDevice, benchFleet, deltasBatch } from './link-load.ts';

describe(deltasBatch.name, () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  it('touches distinct devices in a batch, wrapping around the fleet', () => {
    expect(deltasBatch(ids, 0, 3, 1).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(deltasBatch(ids, 1, 3, 1).map((c) => c.id)).toEqual(['d', 'e', 'a']);
  });
  it('alternates a device between Down and Healthy each time the stream comes back to it', () => {
    const statusOfA = [0, 1, 2, 3].map((k) => deltasBatch(ids, k, 5, 1)[0]?.status);
    expect(statusOfA).toEqual(['Down', 'Healthy', 'Down', 'Healthy']);
    expect(deltasBatch(ids, 1, 3, 1).map((c) => c.status)).toEqual(['Down', 'Down', 'Healthy']);
  });
  it('stamps since and at, and refuses batches larger than the fleet', () => {
    expect(deltasBatch(ids, 0, 1, 42)[0]).toMatchObject({ since: 42, at: 42 });
    expect(() => deltasBatch(ids, 0, 6, 1)).toThrow(/at least 6/);
  });
});

describe(benchDevice.name, () => {
  it('is the same device on every run and unique per site and number', () => {
    expect(benchDevice(3, 17, 1e12)).toEqual(benchDevice(3, 17, 1e12));
    const fleet = [...benchFleet(1, 500), ...benchFleet(2, 500)];
    expect(new Set(fleet.map((d) => d.id)).size).toBe(1000);
  });
  it('mixes statuses like an ordinary day: mostly Healthy, a few Down', () => {
    const fleet = benchFleet(1, 5000);
    const share = (s: string) => fleet.filter((d) => d.status === s).length / fleet.length;
    expect(share('Healthy')).toBeGreaterThan(0.9);
    expect(share('Down')).toBeGreaterThan(0.015);
    expect(share('Down')).toBeLessThan(0.05);
  });
});
