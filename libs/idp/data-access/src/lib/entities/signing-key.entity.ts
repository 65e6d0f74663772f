import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from './columns';

/**
 * A token signing key (private JWK, RS256 or ES256). The unretired key of each algorithm signs (the oldest, if two
 * instances raced to create one); retired keys stay published for a while.
 */
@Entity({ name: 'idp_signing_key' })
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid!: string;

  /** The private key as a JSON Web Key. */
  @Column({ type: 'text' })
  jwk!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  /** Set when a newer key took over signing. */
  @Column({ name: 'retired_at', type: 'bigint', nullable: true, transformer: epochMs })
  retiredAt!: number | null;
}
