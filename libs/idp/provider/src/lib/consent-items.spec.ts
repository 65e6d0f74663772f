import { consentItems } from './consent-items';

const account = { name: 'Alice Employee', email: 'alice@exampleco.test' };

describe('consentItems', () => {
  it('lists every scope and claim the grant will hold, in plain words, identity first and duration last', () => {
    const items = consentItems({
      oidcScopes: ['offline_access', 'email', 'openid', 'profile'],
      claims: [],
      apiScopes: ['read:timesheets', 'approve:timesheets'],
      account,
      offlineDays: 14,
    });
    expect(items).toEqual([
      { name: 'openid', description: 'Know who you are (your account identifier)' },
      { name: 'profile', description: 'See your name: Alice Employee' },
      { name: 'email', description: 'See your email address: alice@exampleco.test' },
      { name: 'read:timesheets', description: 'Read your timesheet entries' },
      { name: 'approve:timesheets', description: 'Approve or reject the timesheets of the people you manage' },
      { name: 'offline_access', description: 'Keep this access while you are not using it, for up to 14 days' },
    ]);
  });

  it('shows a claim asked for on its own like its scope, once', () => {
    const items = consentItems({
      oidcScopes: ['openid', 'email'],
      claims: ['name', 'email_verified', 'email', 'sub'],
      apiScopes: [],
      account,
      offlineDays: 14,
    });
    expect(items.map((i) => i.name)).toEqual(['openid', 'profile', 'email']);
  });
});
