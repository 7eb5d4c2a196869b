// The queue in front of password hashing (issue 12, point 1): one hash at a
// time, in the order asked, and a quick refusal when too many wait.
import { describe, expect, it } from 'vitest';
import { HashingBusy, HashingQueue } from '../../server/auth/hashing-queue.ts';

/** A task that runs until told to finish, noting how many tasks ran at once. */
function controlled(log: { running: number; most: number; order: number[] }, id: number) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const task = async (): Promise<number> => {
    log.running += 1;
    log.most = Math.max(log.most, log.running);
    log.order.push(id);
    await done;
    log.running -= 1;
    return id;
  };
  return { task, finish: () => finish() };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('HashingQueue', () => {
  it('runs one task at a time, in the order they came, and hands each its result', async () => {
    const queue = new HashingQueue(1, 10);
    const log = { running: 0, most: 0, order: [] as number[] };
    const tasks = [1, 2, 3, 4].map((id) => controlled(log, id));
    const results = tasks.map(({ task }) => queue.run(task));
    await turn();
    expect(queue.load).toEqual({ running: 1, waiting: 3 });
    for (const { finish } of tasks) {
      finish();
      await turn();
    }
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4]);
    expect(log.most).toBe(1);
    expect(log.order).toEqual([1, 2, 3, 4]);
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses at once when the waiting line is full, and takes work again once it moves', async () => {
    const queue = new HashingQueue(1, 2);
    const log = { running: 0, most: 0, order: [] as number[] };
    const tasks = [1, 2, 3].map((id) => controlled(log, id));
    const accepted = tasks.map(({ task }) => queue.run(task));
    await expect(queue.run(async () => 4)).rejects.toBeInstanceOf(HashingBusy);
    tasks[0]!.finish();
    await turn();
    // One moved up: there is room for one more, and only one.
    const fifth = queue.run(async () => 5);
    await expect(queue.run(async () => 6)).rejects.toBeInstanceOf(HashingBusy);
    tasks[1]!.finish();
    tasks[2]!.finish();
    expect(await Promise.all([...accepted, fifth])).toEqual([1, 2, 3, 5]);
    expect(log.most).toBe(1);
  });

  it('frees its place when a task fails', async () => {
    const queue = new HashingQueue(1, 1);
    await expect(queue.run(async () => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
    expect(await queue.run(async () => 'next')).toBe('next');
  });
});
