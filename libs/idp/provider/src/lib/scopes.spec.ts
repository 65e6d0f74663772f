import { ALL_SCOPES } from '@timesheets/contracts';
import { grantableApiScopes, permittedApiScopes } from './scopes';

describe('scope intersection', () => {
  it('grants requested ∩ permitted, ignoring unknown and OIDC scopes', () => {
    const employee = ['read:timesheets', 'create:timesheets', 'delete:timesheets'];
    expect(
      grantableApiScopes(
        ['openid', 'read:timesheets', 'approve:timesheets', 'read:users', 'read:timesheets'],
        employee,
      ),
    ).toEqual(['read:timesheets']);
    expect(grantableApiScopes(['read:timesheets', 'made:up'], [...employee, 'made:up'])).toEqual(['read:timesheets']);
    expect(grantableApiScopes(['read:audit'], [])).toEqual([]);
  });

  it('lists every known permitted scope', () => {
    expect(permittedApiScopes(['approve:timesheets', 'nope'])).toEqual(['approve:timesheets']);
    expect(permittedApiScopes([...ALL_SCOPES].reverse())).toEqual([...ALL_SCOPES]);
  });
});
