import { InvalidTokenError, principalFromClaims } from './jwt.strategy';

const now = () => Math.floor(Date.now() / 1000);

describe('principalFromClaims', () => {
  it('reads scopes from the scope string and the permissions array', () => {
    const p = principalFromClaims(
      {
        iss: 'i',
        sub: 's',
        exp: now() + 60,
        scope: 'openid read:timesheets',
        permissions: ['approve:timesheets', 7, ''],
      },
      30,
    );
    expect([...p.tokenScopes].sort()).toEqual(['approve:timesheets', 'openid', 'read:timesheets']);
    expect(p.subject).toBe('s');
  });

  it('takes client_id, else azp (Auth0)', () => {
    expect(principalFromClaims({ iss: 'i', sub: 's', exp: now() + 60, azp: 'spa' }, 30).clientId).toBe('spa');
    expect(principalFromClaims({ iss: 'i', sub: 's', exp: now() + 60, client_id: 'c', azp: 'spa' }, 30).clientId).toBe(
      'c',
    );
  });

  it.each([
    ['no exp', { iss: 'i', sub: 's' }],
    ['no sub', { iss: 'i', exp: now() + 60 }],
    ['empty sub', { iss: 'i', sub: '', exp: now() + 60 }],
    ['iat in the future', { iss: 'i', sub: 's', exp: now() + 600, iat: now() + 300 }],
    ['permissions not an array', { iss: 'i', sub: 's', exp: now() + 60, permissions: 'approve:timesheets' }],
    ['a sub with NUL', { iss: 'i', sub: 'a\u0000b', exp: now() + 60 }],
    ['a sub with a lone surrogate', { iss: 'i', sub: 'a\ud800', exp: now() + 60 }],
  ])('refuses %s', (_, claims) => {
    expect(() => principalFromClaims(claims, 30)).toThrow(InvalidTokenError);
  });

  it('does not split scopes on commas or accept a scope array', () => {
    const p = principalFromClaims(
      { iss: 'i', sub: 's', exp: now() + 60, scope: ['approve:timesheets'] as unknown as string },
      30,
    );
    expect(p.tokenScopes.size).toBe(0);
    const q = principalFromClaims(
      { iss: 'i', sub: 's', exp: now() + 60, scope: 'read:timesheets,approve:timesheets' },
      30,
    );
    expect([...q.tokenScopes]).toEqual(['read:timesheets,approve:timesheets']);
  });

  it('leaves out profile claims that cannot be stored as they are', () => {
    const p = principalFromClaims(
      {
        iss: 'i',
        sub: 's',
        exp: now() + 60,
        name: 'n\u0000',
        email: 'e\udc00@x.test',
        client_id: 'c\u0000',
        azp: 'spa',
      },
      30,
    );
    expect(p).toMatchObject({ name: null, email: null, clientId: 'spa' });
  });
});
