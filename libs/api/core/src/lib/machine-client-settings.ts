import type { ImportedEntryStatus } from '@timesheets/contracts';
import type { Principal } from './principal';

/** What the registry says about a machine client now. */
export interface MachineClientSettings {
  name: string;
  /** What its imported entries become. */
  importStatus: ImportedEntryStatus;
}

/**
 * The machine clients' registry as features see it (a port: the authorization module provides it), so that a feature
 * acting for a client (the import) reads its settings without importing that module.
 */
export abstract class MachineClientDirectory {
  /** The settings of the client behind this principal; null for a person, or a client not registered (or revoked). */
  abstract settingsOf(principal: Principal): Promise<MachineClientSettings | null>;
}
