import { ALL_SCOPES, SCOPE_DESCRIPTIONS } from '@timesheets/contracts';
import { scopeDescription } from './scope-labels';

describe('scopeDescription', () => {
  it('has words for every scope, the same English as the contracts (the consent page), never the scope name', () => {
    for (const scope of ALL_SCOPES) {
      expect(scopeDescription(scope)).toBe(SCOPE_DESCRIPTIONS[scope]);
      expect(scopeDescription(scope)).not.toContain(scope);
    }
  });

  it('does not show the name of a scope it does not know', () => {
    expect(scopeDescription('frobnicate:widgets')).not.toContain('frobnicate');
  });
});
