import {
  clientSecretHash,
  clientSecretMatches,
  CLIENT_SECRET_PATTERN,
  newClientId,
  newClientSecret,
} from './client-secrets';
import { isMachineClientId } from '@timesheets/contracts';

describe('client secrets', () => {
  it('are 256 random bits with a scannable prefix; ids are 128 bits', () => {
    const a = newClientSecret();
    expect(a).toMatch(CLIENT_SECRET_PATTERN);
    expect(a).not.toBe(newClientSecret());
    expect(isMachineClientId(newClientId())).toBe(true);
  });

  it('match only one of the given hashes, and never with no hash at all', () => {
    const [a, b] = [newClientSecret(), newClientSecret()];
    expect(clientSecretHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(clientSecretMatches(a, [clientSecretHash(b), clientSecretHash(a)])).toBe(true);
    expect(clientSecretMatches(a, [clientSecretHash(b)])).toBe(false);
    expect(clientSecretMatches(a, [])).toBe(false);
    expect(clientSecretMatches(a, ['damaged'])).toBe(false);
  });
});
