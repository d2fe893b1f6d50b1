import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An event central could not take (a poison value), kept verbatim with the error; the mark moved past it. */
@Entity({ schema: 'central', name: 'dead_letters' })
export class DeadLetter {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'station_id', type: 'text' }) stationId!: string;
  @Column({ type: 'bigint' }) seq!: string;
  @Column({ name: 'event_id', type: 'text', nullable: true }) eventId!: string | null;
  @Column({ type: 'text', nullable: true }) type!: string | null;
  @Column({ type: 'text', nullable: true }) payload!: string | null;
  @Column({ name: 'device_time', type: 'text', nullable: true }) deviceTime!: string | null;
  @Column({ name: 'correlation_id', type: 'text', nullable: true }) correlationId!: string | null;
  @Column({ name: 'device_id', type: 'text', nullable: true }) deviceId!: string | null;
  @Column({ name: 'user_id', type: 'text', nullable: true }) userId!: string | null;
  @Column({ type: 'text', nullable: true }) role!: string | null;
  @Column({ name: 'session_id', type: 'text', nullable: true }) sessionId!: string | null;
  @Column({ name: 'approved_by', type: 'text', nullable: true }) approvedBy!: string | null;
  @Column({ name: 'prev_hash', type: 'text', nullable: true }) prevHash!: string | null;
  @Column({ type: 'text', nullable: true }) hash!: string | null;
  @Column({ type: 'text' }) sqlstate!: string;
  @Column({ type: 'text' }) error!: string;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  /** open, retried (inserted after all) or skipped: `station central deadletters` (migration 1730000000008). */
  @Column({ type: 'text', default: 'open' }) status!: string;
}
