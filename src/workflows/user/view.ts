import type { Role } from '../../api/roles';

/** A user as the station knows it (from central's reference data and its own changes). */
export interface StationUser {
  userId: string;
  name: string;
  role: Role;
  badge: string | null;
  active: boolean;
  pinHash: string | null;
  /** Central's version of the row this station last saw; null for a user central has not sent yet. */
  version: string | null;
}

/** The read-only questions about users. */
export interface UserView {
  byId(userId: string): StationUser | null;
  byBadge(badge: string): StationUser | null;
  /** Keyset page by (name, id), optionally filtered by a name/badge/id search. */
  page(search: string, after: { name: string; userId: string } | null, limit: number): StationUser[];
  count(): number;
  activeAdmins(): number;
}
