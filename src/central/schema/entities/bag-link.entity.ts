import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Bag projection: a child in a parent; active while not reversed, and a child has one active link. */
@Entity({ schema: 'central', name: 'bag_links' })
export class BagLink {
  /** The linking event. */
  @PrimaryColumn({ name: 'station_id', type: 'text' }) stationId!: string;
  @PrimaryColumn({ type: 'bigint' }) seq!: string;
  @Column({ type: 'text' }) parent!: string;
  @Column({ type: 'text' }) child!: string;
  @Column({ name: 'linked_at', type: 'timestamptz' }) linkedAt!: Date;
  @Column({ name: 'reversed_station', type: 'text', nullable: true }) reversedStation!: string | null;
  @Column({ name: 'reversed_seq', type: 'bigint', nullable: true }) reversedSeq!: string | null;
}
