import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last time each station's worker reached central, with what it reported. */
@Entity({ schema: 'central', name: 'heartbeats' })
export class Heartbeat {
  @PrimaryColumn({ name: 'station_id', type: 'text' }) stationId!: string;
  @Column({ name: 'seen_at', type: 'timestamptz' }) seenAt!: Date;
  @Column({ name: 'local_seq', type: 'bigint', nullable: true }) localSeq!: string | null;
  @Column({ name: 'queue_depth', type: 'integer', nullable: true }) queueDepth!: number | null;
  @Column({ name: 'app_version', type: 'text', nullable: true }) appVersion!: string | null;
}
