import { describe, expect, it } from 'vitest';
import { isOrphanedNamespace, throwawayNamespace } from './session-namespace.mjs';

describe('isOrphanedNamespace', () => {
  it('is a throwaway namespace whose run no longer runs', () => {
    const namespace = throwawayNamespace();
    expect(isOrphanedNamespace(namespace, () => false)).toBe(true);
    expect(isOrphanedNamespace(namespace, () => true)).toBe(false);
  });

  it("never is a namespace of another form, such as a developer's", () => {
    for (const namespace of ['agentbench', 'team', 't1234', 'tabcdefgh', 'T0123abcd'])
      expect(isOrphanedNamespace(namespace, () => false)).toBe(false);
  });
});
