import { describe, expect, it } from 'vitest';
import { namespacePlan } from './browser-namespace.mjs';

describe('namespacePlan', () => {
  it('names interfaces within Linux’s 15 characters, for the largest pids too', () => {
    for (const pid of [1, 4_194_304]) {
      const plan = namespacePlan(pid);
      expect(plan.hostInterface.length).toBeLessThanOrEqual(15);
      expect(plan.browserInterface.length).toBeLessThanOrEqual(15);
      expect(plan.hostInterface).not.toBe(plan.browserInterface);
    }
  });

  it('puts both ends in one /30 of 10.213.0.0/16, a different one for neighbouring pids', () => {
    const block = (address: string) => {
      const [, , third, fourth] = address.split('.').map(Number);
      return third! * 64 + Math.floor(fourth! / 4);
    };
    const plan = namespacePlan(16_383);
    expect(plan.hostAddress).toBe('10.213.255.253');
    expect(plan.browserAddress).toBe('10.213.255.254');
    expect(block(namespacePlan(100).hostAddress)).toBe(block(namespacePlan(100).browserAddress));
    expect(block(namespacePlan(100).hostAddress)).not.toBe(block(namespacePlan(101).hostAddress));
  });
});
