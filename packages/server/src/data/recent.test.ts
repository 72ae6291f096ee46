import { describe, expect, it } from 'vitest';
import { Recent } from './recent.ts';

describe('Recent', () => {
  it('computes a key once and keeps the ones used last', () => {
    const recent = new Recent<number>(2);
    let calls = 0;
    const get = (key: string) => recent.get(key, () => ++calls);
    expect([get('a'), get('b'), get('a')]).toEqual([1, 2, 1]);
    expect(get('c')).toBe(3); // b, used least recently, goes
    expect([get('a'), get('b')]).toEqual([1, 4]);
    expect(calls).toBe(4);
  });

  it('forgets a promise that fails, so that the next call tries again', async () => {
    const recent = new Recent<Promise<number>>(4);
    const failed = recent.get('a', () => Promise.reject(new Error('no')));
    await expect(failed).rejects.toThrow('no');
    await expect(recent.get('a', () => Promise.resolve(7))).resolves.toBe(7);
    await expect(recent.get('a', () => Promise.resolve(8))).resolves.toBe(7);
  });
});
