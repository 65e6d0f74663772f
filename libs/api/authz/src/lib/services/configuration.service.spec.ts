import type { ConfigurationExport } from '@timesheets/contracts';
import { importProblems } from './configuration.service';

const valid = (): ConfigurationExport => ({
  version: 1,
  permissions: [{ name: 'read:timesheets', description: '' }],
  roles: [{ name: 'reader', description: '', permissions: ['read:timesheets'] }],
  groups: [
    { name: 'Company', description: '', parent: null, roles: ['reader'], members: [] },
    { name: 'Team', description: '', parent: 'Company', roles: [], members: ['ann@x.test'] },
  ],
  users: [{ email: 'Ann@x.test', name: null, blocked: false, roles: [], groups: ['Team'] }],
});

describe('importProblems', () => {
  it('accepts a consistent file (emails compared without case)', () => expect(importProblems(valid())).toEqual([]));

  it('names duplicates', () => {
    const file = valid();
    file.roles.push(file.roles[0]);
    file.users.push({ ...file.users[0], email: 'ANN@x.test' });
    expect(importProblems(file)).toEqual([
      'role "reader" appears more than once',
      'user "ann@x.test" appears more than once',
    ]);
  });

  it('names every dangling reference', () => {
    const file = valid();
    file.roles[0].permissions.push('no:such');
    file.groups[1].parent = 'Nowhere';
    file.groups[1].members.push('ghost@x.test');
    file.users[0].roles.push('ghost-role');
    expect(importProblems(file)).toEqual([
      'role "reader": unknown permission "no:such"',
      'group "Team": unknown group "Nowhere"',
      'group "Team": unknown user "ghost@x.test"',
      'user "Ann@x.test": unknown role "ghost-role"',
    ]);
  });

  it('refuses a parent cycle, including a group as its own parent', () => {
    const file = valid();
    file.groups[0].parent = 'Team';
    expect(importProblems(file)).toEqual([
      'group "Company" is part of a parent cycle',
      'group "Team" is part of a parent cycle',
    ]);
    const self = valid();
    self.groups[0].parent = 'Company';
    expect(importProblems(self)).toEqual([
      'group "Company" is part of a parent cycle',
      'group "Team" is part of a parent cycle',
    ]);
  });
});
