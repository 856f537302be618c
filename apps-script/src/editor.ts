// Who made a spreadsheet edit, when the edit event does not say: shared by the review and negotiation tabs.
import type { UserPort } from './ports';

/**
 * The session's user when it can be the editor. In an installable trigger the script runs as the trigger's
 * owner, and Session.getActiveUser() may then name the owner (unverified; Google documents only when the
 * email is blank, developers.google.com/apps-script/reference/base/session#getActiveUser()): a name equal
 * to the owner's is not taken, so no reviewer's edit is credited to the secretariat.
 */
export function sessionEditor(users: UserPort): string {
  const active = users.activeEmail();
  return active && active.toLowerCase() !== users.effectiveEmail().toLowerCase() ? active : '';
}
