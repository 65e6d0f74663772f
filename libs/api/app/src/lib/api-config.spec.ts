import { ConfigError } from '@timesheets/server-config';
import { jwsAlgorithm } from '@timesheets/server-core';
import { ACCEPTED_ALGORITHMS, loadApiConfig } from './api-config';

describe('loadApiConfig', () => {
  it('has local defaults outside production', () => {
    const c = loadApiConfig({});
    expect(c).toMatchObject({ port: 3333, databaseUrl: 'sqlite:data/api.sqlite', trustTokenScopes: false });
    expect(c.auth).toMatchObject({
      issuer: 'http://localhost:3334',
      audience: 'http://localhost:3333/api',
      algorithms: ['RS256', 'ES256'],
      tokenTypes: ['at+jwt'],
    });
  });

  it('accepts in AUTH_ALGORITHMS only algorithms of the JWS table the token prefilter verifies with', () => {
    expect(ACCEPTED_ALGORITHMS.filter((alg) => jwsAlgorithm(alg) === undefined)).toEqual([]);
    expect(loadApiConfig({ AUTH_ALGORITHMS: ACCEPTED_ALGORITHMS.join(',') }).auth.algorithms).toEqual(
      ACCEPTED_ALGORITHMS,
    );
    for (const refused of ['HS256', 'none', 'EdDSA'])
      expect(() => loadApiConfig({ AUTH_ALGORITHMS: `RS256,${refused}` })).toThrow(`got "${refused}"`);
  });

  it('reads the accepted token types as media types: case-insensitive, application/ implied', () => {
    expect(loadApiConfig({ AUTH_TOKEN_TYPES: 'JWT, application/AT+JWT,at+jwt' }).auth.tokenTypes).toEqual([
      'jwt',
      'at+jwt',
    ]);
  });

  it('requires the issuer and audience in production', () => {
    expect(() => loadApiConfig({ NODE_ENV: 'production' })).toThrow(
      /AUTH_ISSUER is required[\s\S]*AUTH_AUDIENCE is required/,
    );
  });

  describe('AUTHZ_DEMO_USERS', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_ISSUER: 'https://id.example',
      AUTH_AUDIENCE: 'https://api.example',
    };

    it('is refused in production, naming the variable', () => {
      expect(() => loadApiConfig({ ...production, AUTHZ_DEMO_USERS: 'true' })).toThrow(ConfigError);
      expect(() => loadApiConfig({ ...production, AUTHZ_DEMO_USERS: 'true' })).toThrow(
        /AUTHZ_DEMO_USERS must not be true with NODE_ENV=production/,
      );
    });

    it('may be false in production and true elsewhere', () => {
      expect(loadApiConfig({ ...production, AUTHZ_DEMO_USERS: 'false' }).demoUsers).toBe(false);
      expect(loadApiConfig(production).demoUsers).toBe(false);
      expect(loadApiConfig({ AUTHZ_DEMO_USERS: 'true' }).demoUsers).toBe(true);
      expect(loadApiConfig({ AUTHZ_DEMO_USERS: 'true', DEMO_DATA: 'true' }).demoData).toBe(true);
      expect(loadApiConfig({}).demoData).toBe(false);
    });
  });

  describe('REPORTS_MAX_PERIOD_DAYS, REPORTS_DEFAULT_WEEK_HOURS and REPORTS_MAX_CONCURRENT_EXPORTS', () => {
    it('allow a year, 40 hours and 2 exports by default, or what they say', () => {
      expect(loadApiConfig({}).reports).toEqual({ maxPeriodDays: 366, defaultWeekHours: 40, maxConcurrentExports: 2 });
      const env = {
        REPORTS_MAX_PERIOD_DAYS: '731',
        REPORTS_DEFAULT_WEEK_HOURS: '37.5',
        REPORTS_MAX_CONCURRENT_EXPORTS: '4',
      };
      expect(loadApiConfig(env).reports).toEqual({
        maxPeriodDays: 731,
        defaultWeekHours: 37.5,
        maxConcurrentExports: 4,
      });
    });
  });

  describe('TIMESHEETS_MAX_WEEKS_AHEAD', () => {
    it('books up to the end of next week by default, or as many weeks ahead as it says (0..52)', () => {
      expect(loadApiConfig({}).maxWeeksAhead).toBe(1);
      expect(loadApiConfig({ TIMESHEETS_MAX_WEEKS_AHEAD: '0' }).maxWeeksAhead).toBe(0);
      expect(loadApiConfig({ TIMESHEETS_MAX_WEEKS_AHEAD: '52' }).maxWeeksAhead).toBe(52);
    });
  });

  describe('IMPORT_IDEMPOTENCY_RETENTION_DAYS', () => {
    it('keeps an import key 7 days by default, or 1 to 365 days as it says', () => {
      expect(loadApiConfig({}).importKeyRetentionDays).toBe(7);
      expect(loadApiConfig({ IMPORT_IDEMPOTENCY_RETENTION_DAYS: '1' }).importKeyRetentionDays).toBe(1);
      expect(loadApiConfig({ IMPORT_IDEMPOTENCY_RETENTION_DAYS: '365' }).importKeyRetentionDays).toBe(365);
    });
  });

  it.each([
    [{ AUTH_ALGORITHMS: 'HS256' }, 'AUTH_ALGORITHMS'],
    [{ AUTH_ALGORITHMS: 'none' }, 'AUTH_ALGORITHMS'],
    [{ AUTH_CLOCK_TOLERANCE: '120' }, 'AUTH_CLOCK_TOLERANCE'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ AUTH_JWKS_URI: 'file:///etc/passwd' }, 'AUTH_JWKS_URI'],
    [{ AUTHZ_POLICY_KEY: 'short' }, 'AUTHZ_POLICY_KEY'],
    [{ PORT: '70000' }, 'PORT'],
    [{ TIMESHEETS_MAX_WEEKS_AHEAD: '-1' }, 'TIMESHEETS_MAX_WEEKS_AHEAD'],
    [{ TIMESHEETS_MAX_WEEKS_AHEAD: '53' }, 'TIMESHEETS_MAX_WEEKS_AHEAD'],
    [{ DEMO_DATA: 'true' }, 'DEMO_DATA=true needs AUTHZ_DEMO_USERS=true'],
    [{ CORS_ORIGINS: 'not a url' }, 'CORS_ORIGINS'],
    [{ AUTH_TOKEN_TYPES: 'at jwt' }, 'AUTH_TOKEN_TYPES'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY=true would trust every hop'],
    [{ TRUST_PROXY: '0.0.0.0/0' }, 'TRUST_PROXY'],
    [{ AUTH_TOKEN_TYPES: ' , ' }, 'AUTH_TOKEN_TYPES'],
    [{ AUTH_TOKEN_TYPE_REQUIRED: 'sometimes' }, 'AUTH_TOKEN_TYPE_REQUIRED must be true or false'],
    [{ AUTH_SUBJECT_CLAIM: 'email' }, 'AUTH_SUBJECT_CLAIM must be one of sub, oid, uid'],
    [{ AUTH_ROLE_PERMISSIONS: 'Manager=approve:timesheets' }, 'AUTH_ROLE_PERMISSIONS must be a JSON object'],
    [
      { AUTH_ROLE_PERMISSIONS: '{"Manager": ["approve:all"]}' },
      'AUTH_ROLE_PERMISSIONS role "Manager" names unknown scopes: approve:all',
    ],
    [{ REPORTS_MAX_PERIOD_DAYS: '0' }, 'REPORTS_MAX_PERIOD_DAYS'],
    [{ REPORTS_MAX_PERIOD_DAYS: 'a year' }, 'REPORTS_MAX_PERIOD_DAYS'],
    [{ REPORTS_DEFAULT_WEEK_HOURS: '169' }, 'REPORTS_DEFAULT_WEEK_HOURS'],
    [{ REPORTS_DEFAULT_WEEK_HOURS: '37,5' }, 'REPORTS_DEFAULT_WEEK_HOURS'],
    [{ REPORTS_DEFAULT_WEEK_HOURS: '1e1' }, 'REPORTS_DEFAULT_WEEK_HOURS'],
    [{ REPORTS_MAX_CONCURRENT_EXPORTS: '0' }, 'REPORTS_MAX_CONCURRENT_EXPORTS'],
    [{ IMPORT_IDEMPOTENCY_RETENTION_DAYS: '0' }, 'IMPORT_IDEMPOTENCY_RETENTION_DAYS'],
    [{ IMPORT_IDEMPOTENCY_RETENTION_DAYS: '366' }, 'IMPORT_IDEMPOTENCY_RETENTION_DAYS'],
    [{ IMPORT_IDEMPOTENCY_RETENTION_DAYS: 'a week' }, 'IMPORT_IDEMPOTENCY_RETENTION_DAYS'],
  ])('names the bad variable in %j', (env, name) => {
    expect(() => loadApiConfig(env)).toThrow(ConfigError);
    expect(() => loadApiConfig(env)).toThrow(name);
  });

  describe('identity provider rules', () => {
    it('require a typed token, name the user by sub and map no roles by default', () => {
      expect(loadApiConfig({}).auth).toMatchObject({ requireTokenType: true, subjectClaim: 'sub' });
      expect(loadApiConfig({}).auth.rolePermissions).toBeUndefined();
    });

    describe('Okta', () => {
      const okta = {
        AUTH_ISSUER: 'https://exampleco.okta.com/oauth2/aus1timesheets',
        AUTH_AUDIENCE: 'api://timesheets',
        AUTH_TOKEN_TYPE_REQUIRED: 'false',
        AUTH_SUBJECT_CLAIM: 'uid',
      };

      it('reads untyped tokens and uid', () => {
        expect(loadApiConfig(okta).auth).toMatchObject({
          requireTokenType: false,
          subjectClaim: 'uid',
          tokenTypes: ['at+jwt'],
        });
      });

      it.each([
        'https://exampleco.okta.com',
        'https://exampleco.okta.com/',
        'https://exampleco.oktapreview.com/oauth2',
      ])('refuses the org authorization server %s', (issuer) => {
        expect(() => loadApiConfig({ ...okta, AUTH_ISSUER: issuer })).toThrow(
          /AUTH_ISSUER must be an Okta custom authorization server/,
        );
      });

      it('refuses to trust scp alone: AUTH_ROLE_PERMISSIONS is required', () => {
        expect(() => loadApiConfig({ ...okta, AUTHZ_TRUST_TOKEN_SCOPES: 'true' })).toThrow(
          /AUTHZ_TRUST_TOKEN_SCOPES=true with an Okta issuer needs AUTH_ROLE_PERMISSIONS/,
        );
        const roles = '{"Timesheets.Manager": ["approve:timesheets"]}';
        expect(
          loadApiConfig({ ...okta, AUTHZ_TRUST_TOKEN_SCOPES: 'true', AUTH_ROLE_PERMISSIONS: roles }).trustTokenScopes,
        ).toBe(true);
      });
    });

    describe('Microsoft Entra ID', () => {
      const entra = {
        AUTH_ISSUER: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
        AUTH_AUDIENCE: '6e74172b-be56-4843-9ff4-e66a39bb12e3',
        AUTH_TOKEN_TYPES: 'JWT',
        AUTH_SUBJECT_CLAIM: 'oid',
      };
      const roles = '{"Timesheets.Manager": ["read:timesheets", "approve:timesheets"]}';

      it('reads the tenant issuer, oid and the app roles', () => {
        const c = loadApiConfig({ ...entra, AUTHZ_TRUST_TOKEN_SCOPES: 'true', AUTH_ROLE_PERMISSIONS: roles });
        expect(c.trustTokenScopes).toBe(true);
        expect(c.auth).toMatchObject({
          subjectClaim: 'oid',
          tokenTypes: ['jwt'],
          rolePermissions: { 'Timesheets.Manager': ['read:timesheets', 'approve:timesheets'] },
        });
      });

      it.each(['common', 'organizations', 'consumers'])('refuses the %s issuer, which no token carries', (tenant) => {
        expect(() =>
          loadApiConfig({ ...entra, AUTH_ISSUER: `https://login.microsoftonline.com/${tenant}/v2.0` }),
        ).toThrow(/AUTH_ISSUER must name the Entra tenant/);
      });

      it.each([
        'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
        'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
        'https://login.microsoftonline.us/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
        'https://exampleco.ciamlogin.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
      ])('refuses to trust scp alone from %s: AUTH_ROLE_PERMISSIONS is required', (issuer) => {
        expect(() => loadApiConfig({ ...entra, AUTH_ISSUER: issuer, AUTHZ_TRUST_TOKEN_SCOPES: 'true' })).toThrow(
          /AUTHZ_TRUST_TOKEN_SCOPES=true with a Microsoft Entra ID issuer needs AUTH_ROLE_PERMISSIONS/,
        );
      });

      it('lets the authorization service decide without app roles (AUTHZ_TRUST_TOKEN_SCOPES=false)', () => {
        expect(loadApiConfig(entra).auth.rolePermissions).toBeUndefined();
      });

      it('does not take another issuer for Entra', () => {
        expect(
          loadApiConfig({
            AUTH_ISSUER: 'https://login.microsoftonline.com.evil.test/t/v2.0',
            AUTHZ_TRUST_TOKEN_SCOPES: 'true',
          }).trustTokenScopes,
        ).toBe(true);
      });
    });
  });
});
