import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One replicated event, unique by (station_id, seq). Written only by `central.ingest`. */
@Entity({ schema: 'central', name: 'station_events' })
export class StationEvent {
  @PrimaryColumn({ name: 'station_id', type: 'text' }) stationId!: string;
  @PrimaryColumn({ type: 'bigint' }) seq!: string;
  @Column({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'jsonb' }) payload!: unknown;
  /** The station's clock; never used to order or dedupe. */
  @Column({ name: 'device_time', type: 'timestamptz' }) deviceTime!: Date;
  /** The server's clock when the batch was ingested. */
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'correlation_id', type: 'text' }) correlationId!: string;
  @Column({ name: 'device_id', type: 'text', nullable: true }) deviceId!: string | null;
  @Column({ name: 'user_id', type: 'text', nullable: true }) userId!: string | null;
  /** Who caused it (migration 1730000000006); NULL for events ingested before that release. */
  @Column({ type: 'text', nullable: true }) role!: string | null;
  @Column({ name: 'session_id', type: 'text', nullable: true }) sessionId!: string | null;
  @Column({ name: 'approved_by', type: 'text', nullable: true }) approvedBy!: string | null;
  /** The event's link in its station's hash chain (docs/audit.md): 64 lower-case hex digits. */
  @Column({ name: 'prev_hash', type: 'text', nullable: true }) prevHash!: string | null;
  @Column({ type: 'text', nullable: true }) hash!: string | null;
}
