// UserPort over Session: the email of the person whose action ran the script. For an installable trigger
// that is the person who caused the event only within the same Workspace domain; otherwise it is ''.
// developers.google.com/apps-script/reference/base/session#getActiveUser()
import type { UserPort } from '../ports';

export function sessionUsers(): UserPort {
  return {
    activeEmail: () => Session.getActiveUser().getEmail() ?? '',
    effectiveEmail: () => Session.getEffectiveUser().getEmail() ?? '',
  };
}
