import type { Role } from '../../api/roles';

export interface CurrentSession {
  sessionId: string;
  userId: string;
  name: string;
  role: Role;
  status: 'active' | 'locked';
  startedAt: string;
}

export interface Lockout {
  userId: string;
  failures: number;
  lockouts: number;
  lockedUntil: string | null;
}

/** The read-only questions about sessions. */
export interface SessionView {
  current(): CurrentSession | null;
  lockout(userId: string): Lockout;
  /** Device time of the station's newest event: the last activity a restart can know of. */
  lastEventAt(): string | null;
}
