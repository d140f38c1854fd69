/** A clock tests move by hand: sleeping advances it instantly, and it can start anywhere (skewed). */
import type { Clock } from '../../src/jobs/clock.js';

export class FakeClock implements Clock {
  slept = 0;
  constructor(private t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  sleep(ms: number): Promise<void> {
    this.t += ms;
    this.slept += ms;
    return Promise.resolve();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
