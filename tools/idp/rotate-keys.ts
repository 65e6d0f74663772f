/**
 * Rotates the provider's token signing key.
 *
 *   TS_NODE_PROJECT=tools/idp/tsconfig.json npx ts-node -r tsconfig-paths/register tools/idp/rotate-keys.ts
 *
 * A new RS256 key becomes the signing key; the previous one is retired but stays in the JWKS for two hours, longer
 * than any token it signed lives (access tokens <= 10 min, ID tokens 1 h). Running instances check the stored keys
 * every minute and switch without a restart; until then they sign with the old key, which stays published.
 */
import { rotateSigningKeys } from '@timesheets/idp-data-access';
import { openDatabase } from './db';

async function main(): Promise<void> {
  const ds = await openDatabase();
  try {
    const result = await rotateSigningKeys(ds);
    console.log(`new signing key: ${result.newKid}`);
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
