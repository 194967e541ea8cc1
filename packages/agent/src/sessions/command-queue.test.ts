import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommandQueue } from './command-queue.ts';
import { DeviceError } from '../commands/device-error.ts';

describe(CommandQueue.name, () => {
  it('runs commands one at a time, in order', async () => {
    const q = new CommandQueue();
    const log: string[] = [];
    const job = (name: string, ms: number) =>
      q.enqueue(name, 1000, async () => {
        log.push(`start ${name}`);
        await sleep(ms);
        log.push(`end ${name}`);
        return name;
      });
    expect(await Promise.all([job('a', 20), job('b', 1), job('c', 5)])).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('times out a command, aborts its signal and moves on', async () => {
    const q = new CommandQueue();
    let aborted = false;
    const slow = q.enqueue('slow', 30, (signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise(() => undefined);
    });
    const after = q.enqueue('after', 1000, () => Promise.resolve('ok'));
    await expect(slow).rejects.toMatchObject({ code: 'DEVICE_TIMEOUT' });
    expect(aborted).toBe(true);
    expect(await after).toBe('ok');
  });

  it('bounds its length and rejects everything once closed', async () => {
    const q = new CommandQueue(1);
    const first = q.enqueue('first', 1000, () => sleep(50));
    const second = q.enqueue('second', 1000, () => sleep(1));
    await expect(q.enqueue('third', 1000, () => sleep(1))).rejects.toMatchObject({ code: 'DEVICE_BUSY' });
    q.close(new DeviceError('DEVICE_SESSION_CLOSED', 'closed'));
    await expect(second).rejects.toMatchObject({ code: 'DEVICE_SESSION_CLOSED' });
    await expect(q.enqueue('late', 1000, () => sleep(1))).rejects.toMatchObject({
      code: 'DEVICE_SESSION_CLOSED',
    });
    await first;
  });
});
