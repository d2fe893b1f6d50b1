// Part of the migration 1730000000006-users-and-audit-chain.
import { PROJECT_EVENT_SQL } from './project-event.sql';

/** The branch added to project_event: the events that change (or use) a central user go to project_user. */
const USER_BRANCH = `
        WHEN 'user.created', 'user.disabled', 'user.enabled', 'user.pin_reset', 'user.role_changed', 'session.started' THEN
          PERFORM central.project_user(p_station, p_seq, p_id, p_type, p_payload);`;

const ANCHOR = `
        ELSE
          NULL; -- events without a projection`;

/**
 * `central.project_event(...)`, second version: the first (project-event.sql.ts) plus one branch,
 * written as that diff rather than a second copy of the function. apply_batch already hands every
 * event that is not a child link to project_event in seq order, so user changes and logins are
 * applied in seq order too, with no change to apply_batch. CREATE OR REPLACE keeps the owner and
 * the (absent) grants.
 */
export const PROJECT_EVENT_USERS_SQL = (() => {
  if (!PROJECT_EVENT_SQL.includes(ANCHOR) || !PROJECT_EVENT_SQL.includes('CREATE FUNCTION central.project_event')) {
    throw new Error('project-event.sql.ts changed: the user branch no longer has its anchor');
  }
  return PROJECT_EVENT_SQL
    .replace('CREATE FUNCTION central.project_event', 'CREATE OR REPLACE FUNCTION central.project_event')
    .replace(ANCHOR, `${USER_BRANCH}${ANCHOR}`);
})();
