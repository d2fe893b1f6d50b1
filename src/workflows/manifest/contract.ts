import { z } from 'zod';
import { defineContract } from '../../api/contract';
import { ScanResult } from '../../api/scan';

/** A manifest's id: the idempotency key of its stock posting at central. */
export const ManifestId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'a manifest id is 1–64 letters, digits, _ . : or -');
const Reason = z.string().trim().min(3, 'a reason needs at least 3 characters').max(500);
/** A warehouse code; no `/`: central keys stock rows by `warehouse/product`. */
export const Warehouse = z.string().regex(/^[^/]{1,40}$/, 'a warehouse code is 1–40 characters, without /');
/** `out`: packed and shipped (stock goes down); `in`: received (stock goes up). */
export const Direction = z.enum(['out', 'in']);

/** One expected line, as imported (`line`: its line in the file, header excluded from nothing: the file's own numbering). */
export const ManifestLine = z.object({
  line: z.number().int().positive(),
  /** A plain code (an internal item code); null when the line names a GTIN. */
  code: z.string().min(1).max(100).nullable(),
  /** A 14-digit GTIN (shorter ones are padded with zeros on import); null when the line names a code. */
  gtin: z.string().regex(/^\d{14}$/).nullable(),
  lot: z.string().min(1).max(20).nullable(),
  /** ISO date (YYYY-MM-DD). */
  expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  quantity: z.number().int().positive(),
  unitWeightG: z.number().nonnegative().nullable(),
  description: z.string().max(200).nullable(),
});
export type ManifestLine = z.infer<typeof ManifestLine>;

/** What a posting moves: per line, the product (its GTIN, else its code) and how many. */
export const PostingLine = z.object({ line: z.number().int().positive(), product: z.string().min(1), quantity: z.number().int().nonnegative() });
export type PostingLine = z.infer<typeof PostingLine>;

export const ManifestStatus = z.enum(['open', 'verifying', 'completed', 'closed-short']);

export const LineProgress = z.object({
  line: z.number().int().positive(),
  product: z.string(),
  description: z.string().nullable(),
  lot: z.string().nullable(),
  expiry: z.string().nullable(),
  expected: z.number().int().positive(),
  scanned: z.number().int().nonnegative(),
  /** Stock at central for this product in the manifest's warehouse, as last pulled (null: not known here). */
  stock: z.number().int().nullable(),
});
export type LineProgress = z.infer<typeof LineProgress>;

export const ManifestSlice = z.object({
  current: z.object({
    manifest: ManifestId,
    reference: z.string(),
    warehouse: z.string(),
    direction: Direction,
    status: ManifestStatus,
    expected: z.number().int().nonnegative(),
    scanned: z.number().int().nonnegative(),
    lines: z.array(LineProgress),
    /** The weight check, when the lines carry unit weights and the station has a scale. */
    weight: z.object({ expectedGrams: z.number(), grams: z.number().nullable(), within: z.boolean().nullable() }).nullable(),
  }).nullable(),
  /** Manifests this station may verify (imported here or pulled from central), newest first, at most 50. */
  available: z.array(z.object({ manifest: ManifestId, reference: z.string(), lines: z.number().int().nonnegative(), status: ManifestStatus })),
}).optional();
export type ManifestSlice = z.infer<typeof ManifestSlice>;

const ForManifest = z.object({ manifest: ManifestId }).strict();

/** Manifests: an expected order, verified scan by scan; completed (or closed short) it moves stock at central. */
export const manifestContract = defineContract({
  id: 'manifest',
  events: {
    /** Imported at this station (admin screen or `station manifests import`), or taken from central's reference data. */
    'manifest.imported': z.object({
      manifest: ManifestId, reference: z.string().max(100), warehouse: Warehouse, direction: Direction,
      source: z.object({ file: z.string(), format: z.enum(['csv', 'xlsx', 'central']) }),
      lines: z.array(ManifestLine).min(1),
    }),
    'manifest.opened': ForManifest,
    /** One scan counted on one line. */
    'manifest.verified': z.object({ manifest: ManifestId, line: z.number().int().positive(), code: z.string() }),
    /** Everything expected was scanned: central posts these lines (once: the manifest id is the key). */
    'manifest.completed': z.object({ manifest: ManifestId, warehouse: z.string(), direction: Direction, lines: z.array(PostingLine) }),
    /** A supervisor closed it short: central posts what was scanned. */
    'manifest.closed_short': z.object({ manifest: ManifestId, warehouse: z.string(), direction: Direction, reason: Reason, lines: z.array(PostingLine) }),
    /** The weight check of the packed goods against the lines' unit weights. */
    'manifest.weighed': z.object({ manifest: ManifestId, grams: z.number().nonnegative(), expectedGrams: z.number().nonnegative(), toleranceGrams: z.number().nonnegative(), within: z.boolean() }),
  },
  commands: {
    'manifest.import': {
      payload: z.object({ file: z.string().min(1).max(255), format: z.enum(['csv', 'xlsx']), contentBase64: z.string().max(30_000_000) }).strict(),
      result: ScanResult, permission: 'manifest.import', label: 'Import a manifest',
    },
    'manifest.open': { payload: ForManifest, result: ScanResult, permission: 'manifest.verify', label: 'Verify a manifest' },
    'manifest.put_down': { payload: z.object({}).strict(), result: ScanResult, permission: 'manifest.verify', label: 'Put the manifest down' },
    'manifest.close_short': { payload: z.object({ manifest: ManifestId, reason: Reason }).strict(), result: ScanResult, permission: 'manifest.close_short', label: 'Close the manifest short', overridable: true },
  },
  slice: ManifestSlice,
});

type ManifestEvents = typeof manifestContract.events;
export type ManifestEventPayload<T extends keyof ManifestEvents> = z.infer<ManifestEvents[T]>;
