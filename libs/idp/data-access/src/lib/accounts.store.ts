import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { DEMO_ACCOUNTS } from '@timesheets/contracts';
import { AccountEntity } from './entities/account.entity';
import { hashPassword, MIN_PASSWORD_LENGTH, needsRehash, verifyAgainstDummy, verifyPassword } from './password';
import { sqliteConnectionOf, type SqliteConnection, type SqliteStatement } from './sqlite-connection';

export type AuthenticationResult =
  | { status: 'ok'; account: AccountEntity }
  | { status: 'blocked'; account: AccountEntity }
  | { status: 'invalid' };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const byIdStatements = new WeakMap<SqliteConnection, SqliteStatement>();

interface AccountRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  blocked: number;
  emailVerified: number;
  createdAt: number;
  updatedAt: number;
}

/** The provider's accounts: lookup, credential check and the admin operations the tools use. */
export class AccountStore {
  private readonly repo: Repository<AccountEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(AccountEntity);
  }

  /** Read at every token request: on SQLite a prepared statement (TypeORM's query builder costs far more). */
  async findById(id: string): Promise<AccountEntity | null> {
    const db = sqliteConnectionOf(this.dataSource);
    if (!db) return this.repo.findOneBy({ id });
    let stmt = byIdStatements.get(db);
    if (!stmt) {
      stmt = db.prepare(
        'SELECT id, email, name, password_hash AS passwordHash, blocked, email_verified AS emailVerified, ' +
          'created_at AS createdAt, updated_at AS updatedAt FROM idp_account WHERE id = ?',
      );
      byIdStatements.set(db, stmt);
    }
    const row = stmt.get(id) as AccountRow | undefined;
    return row
      ? Object.assign(new AccountEntity(), row, {
          blocked: Boolean(row.blocked),
          emailVerified: Boolean(row.emailVerified),
        })
      : null;
  }

  findByEmail(email: string): Promise<AccountEntity | null> {
    return this.repo.findOneBy({ email: normalizeEmail(email) });
  }

  /**
   * Checks a password; unknown emails cost the same scrypt work as known ones. A correct password stored with older
   * hash parameters is rehashed with today's (PASSWORD_HASH_PARAMS) before the answer.
   */
  async authenticate(email: string, password: string): Promise<AuthenticationResult> {
    const account = email ? await this.findByEmail(email) : null;
    if (!account) {
      await verifyAgainstDummy(password);
      return { status: 'invalid' };
    }
    if (!(await verifyPassword(password, account.passwordHash))) return { status: 'invalid' };
    if (needsRehash(account.passwordHash)) await this.upgradeHash(account, password);
    return account.blocked ? { status: 'blocked', account } : { status: 'ok', account };
  }

  /** Only if the hash is still the one checked: a password reset meanwhile wins. */
  private async upgradeHash(account: AccountEntity, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    const updatedAt = Date.now();
    const result = await this.repo.update(
      { id: account.id, passwordHash: account.passwordHash },
      { passwordHash, updatedAt },
    );
    if (result.affected === 1) Object.assign(account, { passwordHash, updatedAt });
  }

  /**
   * A new account. `emailVerified`: the administrator vouches that the person controls the address (default false:
   * the API then lets the account claim no pre-provisioned user by that email).
   */
  async create(input: {
    email: string;
    name: string;
    password: string;
    emailVerified?: boolean;
  }): Promise<AccountEntity> {
    const email = normalizeEmail(input.email);
    if (!EMAIL_PATTERN.test(email)) throw new Error(`Not an email address: "${input.email}"`);
    if (!input.name.trim()) throw new Error('A name is required');
    checkPassword(input.password);
    if (await this.findByEmail(email)) throw new Error(`An account for ${email} already exists`);
    const now = Date.now();
    return this.repo.save(
      this.repo.create({
        id: randomUUID(),
        email,
        name: input.name.trim(),
        passwordHash: await hashPassword(input.password),
        blocked: false,
        emailVerified: input.emailVerified ?? false,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  async setBlocked(email: string, blocked: boolean): Promise<AccountEntity> {
    const account = await this.require(email);
    account.blocked = blocked;
    account.updatedAt = Date.now();
    return this.repo.save(account);
  }

  async setEmailVerified(email: string, emailVerified: boolean): Promise<AccountEntity> {
    const account = await this.require(email);
    account.emailVerified = emailVerified;
    account.updatedAt = Date.now();
    return this.repo.save(account);
  }

  async setPassword(email: string, password: string): Promise<AccountEntity> {
    checkPassword(password);
    const account = await this.require(email);
    account.passwordHash = await hashPassword(password);
    account.updatedAt = Date.now();
    return this.repo.save(account);
  }

  list(): Promise<AccountEntity[]> {
    return this.repo.find({ order: { email: 'ASC' } });
  }

  /**
   * Creates the demo accounts that do not exist yet; existing ones (and their passwords) are left alone. Their emails
   * count as verified: the API's demo pre-provisions them by those addresses, in a reserved domain (.test) nobody
   * else can own.
   */
  async seedDemoAccounts(password: string): Promise<string[]> {
    const created: string[] = [];
    for (const demo of DEMO_ACCOUNTS) {
      if (await this.findByEmail(demo.email)) continue;
      await this.create({ email: demo.email, name: demo.name, password, emailVerified: true });
      created.push(demo.email);
    }
    return created;
  }

  private async require(email: string): Promise<AccountEntity> {
    const account = await this.findByEmail(email);
    if (!account) throw new Error(`No account for ${normalizeEmail(email)}`);
    return account;
  }
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`Passwords must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
}
