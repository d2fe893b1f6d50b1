import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Reference data flowing down to stations by (updated_at, id); updated_at is set by a trigger. */
@Entity({ schema: 'central', name: 'users' })
export class User {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) role!: 'packer' | 'dispatcher' | 'biller' | 'supervisor' | 'admin';
  @Column({ type: 'text', nullable: true }) badge!: string | null;
  @Column({ type: 'boolean' }) active!: boolean;
  /** `scrypt$N$r$p$salt$hash`, never a PIN; flows down to the stations for offline login. */
  @Column({ name: 'pin_hash', type: 'text', nullable: true }) pinHash!: string | null;
  /** The station event that wrote the row last (NULL: written at central). */
  @Column({ name: 'last_station', type: 'text', nullable: true }) lastStation!: string | null;
  @Column({ name: 'last_seq', type: 'bigint', nullable: true }) lastSeq!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ schema: 'central', name: 'code_rules' })
export class CodeRule {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'jsonb' }) rule!: Record<string, unknown>;
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ schema: 'central', name: 'bills' })
export class Bill {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) number!: string;
  /** 'closed': only rows an admin wrote before bills were projected (migration 1730000000015). */
  @Column({ type: 'text' }) status!: 'open' | 'finalised' | 'dispatched' | 'closed';
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
