import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RejectionReason =
  | 'child_linked_elsewhere' | 'child_already_linked' | 'parent_closed' | 'bag_already_closed' | 'closed_elsewhere'
  | 'user_overwritten' | 'user_disabled' | 'badge_taken';

/** An event that lost a conflict in central commit order; it flows back down to its station. */
@Entity({ schema: 'central', name: 'rejections' })
export class Rejection {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'station_id', type: 'text' }) stationId!: string;
  @Column({ type: 'bigint' }) seq!: string;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'text' }) reason!: RejectionReason;
  @Column({ type: 'text' }) detail!: string;
  @Column({ name: 'winner_station', type: 'text', nullable: true }) winnerStation!: string | null;
  @Column({ name: 'winner_seq', type: 'bigint', nullable: true }) winnerSeq!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
