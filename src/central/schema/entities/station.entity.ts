import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A provisioned station: its own Postgres login role, or the hash of its token for the shared fleet login, or both. */
@Entity({ schema: 'central', name: 'stations' })
export class Station {
  @PrimaryColumn({ name: 'station_id', type: 'text' }) stationId!: string;
  @Column({ name: 'role_name', type: 'text', unique: true, nullable: true }) roleName!: string | null;
  @Column({ name: 'token_hash', type: 'bytea', unique: true, nullable: true }) tokenHash!: Buffer | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
