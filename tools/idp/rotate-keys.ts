/**
 * Rotates the provider's token signing keys.
 *
 *   TS_NODE_PROJECT=tools/idp/tsconfig.json npx ts-node -r tsconfig-paths/register tools/idp/rotate-keys.ts
 *
 * A new ES256 key (access tokens, the SPA's ID tokens) and a new RS256 key (other clients' ID tokens) take over
 * signing; the previous ones are retired but stay in the JWKS for two hours, longer than any token they signed lives
 * (access tokens <= 10 min, ID tokens 1 h). Running instances check the stored keys every minute and switch without a
 * restart; until then they sign with the old keys, which stay published.
 */
import { rotateSigningKeys } from '@timesheets/idp-data-access';
import { openDatabase } from './db';

async function main(): Promise<void> {
  const ds = await openDatabase();
  try {
    const result = await rotateSigningKeys(ds);
    console.log(
      `new signing keys: ${result.newKids.RS256} (RS256, other clients' ID tokens), ${result.newKids.ES256} (ES256, access tokens and the SPA's ID tokens)`,
    );
    console.log(`retired (still published for 2 h): ${result.retired.join(', ') || 'none'}`);
    console.log(`deleted keys past retention: ${result.deleted}`);
    console.log('Running provider instances switch to the new key within a minute.');
  } finally {
    await ds.destroy();
  }
}

main().catch((err: Error) => {
  console.error(`rotate-keys: ${err.message}`);
  process.exit(1);
});
