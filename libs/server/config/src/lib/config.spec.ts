import { ConfigError, EnvReader } from './config';

describe('EnvReader', () => {
  it('names every bad variable in one error', () => {
    const env = new EnvReader({ PORT: 'abc', AUTH_ISSUER: 'not a url', FLAG: 'maybe' });
    env.int('PORT', 3333, 1, 65535);
    env.url('AUTH_ISSUER');
    env.string('AUTH_AUDIENCE');
    env.bool('FLAG', false);
    expect(() => env.done()).toThrow(ConfigError);
    try {
      env.done();
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('PORT must be an integer');
      expect(msg).toContain('AUTH_ISSUER must be a valid URL');
      expect(msg).toContain('AUTH_AUDIENCE is required');
      expect(msg).toContain('FLAG must be true or false');
    }
  });

  it('uses fallbacks and accepts good values', () => {
    const env = new EnvReader({ PORT: '8080', LIST: 'http://a.test, http://b.test', ON: 'yes' });
    expect(env.int('PORT', 1)).toBe(8080);
    expect(env.int('MISSING', 7)).toBe(7);
    expect(env.urlList('LIST')).toEqual(['http://a.test', 'http://b.test']);
    expect(env.bool('ON', false)).toBe(true);
    expect(env.oneOf('MODE', ['a', 'b'] as const, 'a')).toBe('a');
    expect(() => env.done()).not.toThrow();
  });

  it('rejects short secrets and URLs with other schemes', () => {
    const env = new EnvReader({ KEY: 'short', U: 'ftp://x' });
    env.secret('KEY', 16);
    env.url('U');
    expect(() => env.done()).toThrow(/KEY must be at least 16 characters[\s\S]*U must use http: or https:/);
  });
});
