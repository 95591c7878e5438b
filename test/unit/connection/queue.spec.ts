import { Queue } from '../../../lib/core/connection/queue';

describe('Queue (ring buffer)', () => {
  it('is first in, first out', () => {
    const queue = new Queue<number>();
    [1, 2, 3].forEach((n) => queue.push(n));
    expect(queue.peek()).toBe(1);
    expect([queue.shift(), queue.shift(), queue.shift(), queue.shift()]).toEqual([1, 2, 3, undefined]);
    expect(queue.length).toBe(0);
    expect(queue.peek()).toBeUndefined();
  });

  it('keeps order across growth when the ring has wrapped around', () => {
    const queue = new Queue<number>();
    const expected: number[] = [];
    let next = 0;
    // Push and shift so head sits mid-array, then push past the initial 16 slots, twice over.
    for (let i = 0; i < 10; i++) queue.push(next++);
    for (let i = 0; i < 7; i++) expect(queue.shift()).toBe(i);
    for (let i = 7; i < 10; i++) expected.push(i);
    for (let i = 0; i < 50; i++) {
      expected.push(next);
      queue.push(next++);
    }
    expect(queue.length).toBe(expected.length);
    expect(queue.drain()).toEqual(expected);
    expect(queue.length).toBe(0);
  });

  it('interleaved pushes and shifts over many laps return every item once, in order', () => {
    const queue = new Queue<number>();
    const out: number[] = [];
    let next = 0;
    for (let lap = 0; lap < 200; lap++) {
      for (let i = 0; i < (lap % 5) + 1; i++) queue.push(next++);
      for (let i = 0; i < lap % 4; i++) {
        const item = queue.shift();
        if (item !== undefined) out.push(item);
      }
    }
    out.push(...queue.drain());
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
  });

  it('drain empties the queue, oldest first', () => {
    const queue = new Queue<string>();
    queue.push('a');
    queue.push('b');
    expect(queue.drain()).toEqual(['a', 'b']);
    expect(queue.drain()).toEqual([]);
  });
});
