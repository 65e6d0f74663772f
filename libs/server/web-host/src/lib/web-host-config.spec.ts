import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@timesheets/server-config';
import { DEFAULT_WEB_SCOPE, loadWebHostConfig } from './web-host-config';

describe('loadWebHostConfig', () => {
  const root = mkdtempSync(join(tmpdir(), 'web-host-config-'));
  writeFileSync(join(root, 'index.html'), '<app-root></app-root>');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('has the local defaults of npm start outside production', () => {
    const c = loadWebHostConfig({ WEB_ROOT: root });
    expect(c).toMatchObject({ port: 4200, host: '127.0.0.1', mounts: [{ basePath: '/', root }] });
    expect(c.runtime).toEqual({
      issuer: 'http://localhost:3334',
      clientId: 'timesheets-spa',
      apiUrl: 'http://localhost:3333/api',
      audience: 'http://localhost:3333/api',
      flow: 'code',
      scope: DEFAULT_WEB_SCOPE,
      strictDiscoveryValidation: true,
    });
    expect(DEFAULT_WEB_SCOPE).toMatch(/^openid profile email offline_access read:timesheets /);
  });

  it('takes the WEB_* variables; the audience defaults to the API URL', () => {
    const c = loadWebHostConfig({
      WEB_ROOT: root,
      WEB_ISSUER: 'https://id.example.test',
      WEB_API_URL: 'https://api.example.test/api',
      WEB_CLIENT_ID: 'spa',
      WEB_FLOW: 'implicit',
      WEB_SCOPE: 'openid read:timesheets',
      WEB_BASE_PATH: '/de/',
    });
    expect(c.runtime).toEqual({
      issuer: 'https://id.example.test',
      clientId: 'spa',
      apiUrl: 'https://api.example.test/api',
      audience: 'https://api.example.test/api',
      flow: 'implicit',
      scope: 'openid read:timesheets',
      strictDiscoveryValidation: true,
    });
    expect(c.mounts).toEqual([{ basePath: '/de/', root }]);
  });

  it('requires the issuer and the API URL in production', () => {
    expect(() => loadWebHostConfig({ WEB_ROOT: root, NODE_ENV: 'production' })).toThrow(
      /WEB_ISSUER is required[\s\S]*WEB_API_URL is required/,
    );
  });

  it.each([
    [{ WEB_ROOT: join(root, 'missing') }, 'WEB_ROOT must be a folder holding'],
    [{ WEB_ISSUER: 'not a url' }, 'WEB_ISSUER must be a valid URL'],
    [{ WEB_API_URL: 'ftp://api.example.test' }, 'WEB_API_URL must use http: or https:'],
    [{ WEB_FLOW: 'hybrid' }, 'WEB_FLOW must be one of code, implicit'],
    [{ WEB_BASE_PATH: 'de' }, 'WEB_BASE_PATH must be a URL path'],
    [{ WEB_BASE_PATH: '/de' }, 'WEB_BASE_PATH must be a URL path'],
    [{ PORT: '99999' }, 'PORT must be an integer'],
  ])('stops on %j, naming the variable', (env, message) => {
    expect(() => loadWebHostConfig({ WEB_ROOT: root, ...env })).toThrow(ConfigError);
    expect(() => loadWebHostConfig({ WEB_ROOT: root, ...env })).toThrow(message);
  });
});
