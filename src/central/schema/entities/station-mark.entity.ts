import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The per-station high-water mark: every seq up to `ackedSeq` is in central (or in dead letters). */
@Entity({ schema: 'central', name: 'station_marks' })
export class StationMark {
  @PrimaryColumn({ name: 'station_id', type: 'text' }) stationId!: string;
  @Column({ name: 'acked_seq', type: 'bigint' }) ackedSeq!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
