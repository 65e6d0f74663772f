import { randomUUID } from 'node:crypto';
import { LessThan, MoreThan, type DataSource, type Repository } from 'typeorm';
import { LoginFailureEntity } from './entities/login-failure.entity';

/** Where a login throttle keeps its failure times (see LoginThrottle in @timesheets/idp-provider). */
export interface FailureStore {
  /** Failure times (epoch ms) for the key after `since`, oldest first. */
  recent(key: string, since: number): Promise<number[]>;
  add(key: string, at: number): Promise<void>;
  clear(key: string): Promise<void>;
  /** Forgets failures older than `before`. */
  purge(before: number): Promise<void>;
}

/** Failure times in the database: every instance sharing it throttles against the same counts. */
export class DatabaseFailureStore implements FailureStore {
  private readonly repo: Repository<LoginFailureEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(LoginFailureEntity);
  }

  async recent(key: string, since: number): Promise<number[]> {
    const rows = await this.repo.find({ where: { key, at: MoreThan(since) }, order: { at: 'ASC' }, take: 1000 });
    return rows.map((r) => r.at);
  }

  async add(key: string, at: number): Promise<void> {
    await this.repo.insert({ id: randomUUID(), key, at });
  }

  async clear(key: string): Promise<void> {
    await this.repo.delete({ key });
  }

  async purge(before: number): Promise<void> {
    await this.repo.delete({ at: LessThan(before) });
  }
}

/** Failure times in memory (one process; tests). */
export class MemoryFailureStore implements FailureStore {
  private readonly failures = new Map<string, number[]>();

  async recent(key: string, since: number): Promise<number[]> {
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  async add(key: string, at: number): Promise<void> {
    this.failures.set(key, [...(this.failures.get(key) ?? []), at]);
  }

  async clear(key: string): Promise<void> {
    this.failures.delete(key);
  }

  async purge(before: number): Promise<void> {
    for (const [key, times] of this.failures) {
      const kept = times.filter((t) => t >= before);
      if (kept.length) this.failures.set(key, kept);
      else this.failures.delete(key);
    }
  }
}
