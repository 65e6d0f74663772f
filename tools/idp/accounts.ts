/**
 * Manages the embedded provider's accounts.
 *
 *   TS_NODE_PROJECT=tools/idp/tsconfig.json npx ts-node -r tsconfig-paths/register tools/idp/accounts.ts <command>
 *
 *   add <email> <name> [--email-verified]
 *                             create an account (password from ACCOUNT_PASSWORD or the first line of stdin);
 *                             --email-verified: you vouch that the person controls the address
 *   verify-email <email> | unverify-email <email>
 *   reset-password <email>    set a new password (same source)
 *   block <email> | unblock <email>
 *   list
 *
 * An account's email counts as verified only when an administrator said so: only then may it claim the user
 * pre-provisioned in the API with that email (e.g. AUTHZ_BOOTSTRAP_ADMINS). Without it, the person signs in as a new
 * user without that user's roles.
 *
 * DATABASE_URL selects the database (default sqlite:data/idp.sqlite, as the provider). Blocking here stops new
 * logins and refreshes at once; roles and permissions live in the API's admin area, not here.
 */
import { AccountStore } from '@timesheets/idp-data-access';
import { openDatabase, readPassword } from './db';

const USAGE =
  'usage: accounts.ts add <email> <name> [--email-verified] | verify-email <email> | unverify-email <email> | ' +
  'reset-password <email> | block <email> | unblock <email> | list';

const VERIFIED_FLAG = '--email-verified';

async function main(argv: string[]): Promise<void> {
  const emailVerified = argv.includes(VERIFIED_FLAG);
  const [command, email, ...rest] = argv.filter((a) => a !== VERIFIED_FLAG);
  if (emailVerified && command !== 'add') throw new Error(USAGE);
  const ds = await openDatabase();
  try {
    const store = new AccountStore(ds);
    switch (command) {
      case 'add': {
        if (!email || rest.length === 0) throw new Error(USAGE);
        const account = await store.create({
          email,
          name: rest.join(' '),
          password: await readPassword(),
          emailVerified,
        });
        console.log(`created ${account.email} (sub ${account.id}, email ${verification(account.emailVerified)})`);
        break;
      }
      case 'verify-email':
      case 'unverify-email': {
        if (!email || rest.length > 0) throw new Error(USAGE);
        const account = await store.setEmailVerified(email, command === 'verify-email');
        console.log(`${account.email}: email ${verification(account.emailVerified)}`);
        break;
      }
      case 'reset-password': {
        if (!email) throw new Error(USAGE);
        const account = await store.setPassword(email, await readPassword());
        console.log(`password reset for ${account.email}`);
        break;
      }
      case 'block':
      case 'unblock': {
        if (!email) throw new Error(USAGE);
        const account = await store.setBlocked(email, command === 'block');
        console.log(`${account.email} is now ${account.blocked ? 'blocked' : 'unblocked'}`);
        break;
      }
      case 'list':
        for (const a of await store.list()) {
          console.log(
            `${a.email}\t${a.name}\t${a.blocked ? 'blocked' : 'active'}\temail ${verification(a.emailVerified)}\t${a.id}`,
          );
        }
        break;
      default:
        throw new Error(USAGE);
    }
  } finally {
    await ds.destroy();
  }
}

function verification(verified: boolean): string {
  return verified ? 'verified' : 'not verified';
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(`accounts: ${err.message}`);
  process.exit(1);
});
