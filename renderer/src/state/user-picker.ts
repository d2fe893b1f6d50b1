import type { RequestResult, StationBridge } from '../api';

export type PickerUser = RequestResult<'user.list'>['rows'][number];

/** A user picker lists this many users (one `user.list` page). */
export const USER_PICKER_LIMIT = 200;

/**
 * The users a picker offers (the audit trail's, the shift screen's), by name; null when the station
 * refused or could not answer: the picker then stays as it was, and the screen's own load reports why.
 */
export async function loadPickerUsers(bridge: StationBridge): Promise<PickerUser[] | null> {
  try {
    const page = await bridge.request('user.list', { search: '', after: null, limit: USER_PICKER_LIMIT });
    return page.rows;
  } catch {
    return null;
  }
}
