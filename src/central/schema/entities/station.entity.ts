import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A provisioned station and the Postgres role it logs in as. */
@Entity({ schema: 'central', name: 'stations' })
export class Station {
  @PrimaryColumn({ name: 'station_id', type: 'text' }) stationId!: string;
  @Column({ name: 'role_name', type: 'text', unique: true }) roleName!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
