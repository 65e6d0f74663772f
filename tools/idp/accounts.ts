/**
 * Manages the embedded provider's accounts.
 *
 *   TS_NODE_PROJECT=tools/idp/tsconfig.json npx ts-node -r tsconfig-paths/register tools/idp/accounts.ts <command>
 *
 *   add <email> <name>        create an account (password from ACCOUNT_PASSWORD or the first line of stdin)
 *   reset-password <email>    set a new password (same source)
 *   block <email> | unblock <email>
 *   list
 *
 * DATABASE_URL selects the database (default sqlite:data/idp.sqlite, as the provider). Blocking here stops new
 * logins and refreshes at once; roles and permissions live in the API's admin area, not here.
 */
import { AccountStore } from '@timesheets/idp-data-access';
import { openDatabase, readPassword } from './db';

const USAGE = 'usage: accounts.ts add <email> <name> | reset-password <email> | block <email> | unblock <email> | list';

async function main(argv: string[]): Promise<void> {
  const [command, email, ...rest] = argv;
  const ds = await openDatabase();
  try {
    const store = new AccountStore(ds);
    switch (command) {
      case 'add': {
        if (!email || rest.length === 0) throw new Error(USAGE);
        const account = await store.create({ email, name: rest.join(' '), password: await readPassword() });
        console.log(`created ${account.email} (sub ${account.id})`);
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
          console.log(`${a.email}\t${a.name}\t${a.blocked ? 'blocked' : 'active'}\t${a.id}`);
        }
        break;
      default:
        throw new Error(USAGE);
    }
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(`accounts: ${err.message}`);
  process.exit(1);
});
