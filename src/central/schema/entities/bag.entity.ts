import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Bag projection: one parent bag as central's commit order decided it. */
@Entity({ schema: 'central', name: 'bags' })
export class Bag {
  @PrimaryColumn({ type: 'text' }) code!: string;
  /** `set_aside`: an empty parent set aside (close reason `replaced`); it counts as never opened. */
  @Column({ type: 'text' }) status!: 'open' | 'closed' | 'set_aside';
  @Column({ type: 'integer', nullable: true }) capacity!: number | null;
  @Column({ name: 'link_count', type: 'integer' }) linkCount!: number;
  @Column({ name: 'opened_station', type: 'text', nullable: true }) openedStation!: string | null;
  @Column({ name: 'opened_seq', type: 'bigint', nullable: true }) openedSeq!: string | null;
  @Column({ name: 'closed_station', type: 'text', nullable: true }) closedStation!: string | null;
  @Column({ name: 'closed_seq', type: 'bigint', nullable: true }) closedSeq!: string | null;
  /** `capacity`, `manual`, or `replaced` on a set-aside bag; free text, no CHECK. */
  @Column({ name: 'close_reason', type: 'text', nullable: true }) closeReason!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
