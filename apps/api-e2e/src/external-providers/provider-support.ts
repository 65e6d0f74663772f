import { POLICY_API_KEY_HEADER, type PolicyResponse } from '@timesheets/contracts';
import {
  createTestDatabase,
  http,
  startTestApi,
  startTestIssuer,
  type TestApi,
  type TestDatabase,
  type TestIssuer,
  type TestIssuerOptions,
} from '@timesheets/api-testing';

export const POLICY_KEY = 'provider-policy-key-0123456789ab';

/**
 * The real API trusting a provider's issuer name and audience. The test issuer stands in for the provider's signing
 * keys and JWKS (published as the provider publishes them); the tokens carry the provider's exact claims.
 */
export interface ProviderApi {
  issuer: TestIssuer;
  api: TestApi;
  database: TestDatabase;
  /** The status a GET of `path` answers with `token`. */
  status(path: string, token: string): Promise<number>;
  get<T>(path: string, token: string): Promise<{ status: number; body: T }>;
  /** Signs a user in through the policy endpoint, as the provider's hook would. */
  policy(body: Record<string, unknown>): Promise<PolicyResponse>;
  close(): Promise<void>;
}

export async function startProviderApi(
  engine: 'sqlite' | 'postgres',
  env: Record<string, string>,
  issuerOptions: TestIssuerOptions = {},
): Promise<ProviderApi> {
  const issuer = await startTestIssuer(undefined, issuerOptions);
  const database = await createTestDatabase(engine);
  const api = await startTestApi({ AUTH_JWKS_URI: issuer.jwksUri, DATABASE_URL: database.url, ...env });
  const get = async <T>(path: string, token: string) => {
    const res = await http<T>('GET', `${api.url}${path}`, { token });
    return { status: res.status, body: res.body };
  };
  return {
    issuer,
    api,
    database,
    get,
    status: async (path, token) => (await get(path, token)).status,
    async policy(body) {
      const res = await http<PolicyResponse>('POST', `${api.url}/authz/policy`, {
        body,
        headers: { [POLICY_API_KEY_HEADER]: POLICY_KEY },
      });
      if (res.status !== 200) throw new Error(`policy call failed: ${res.status} ${res.text}`);
      return res.body;
    },
    async close() {
      await api.close();
      await issuer.close();
      await database.drop();
    },
  };
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
