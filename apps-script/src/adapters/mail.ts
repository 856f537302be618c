// MailPort over MailApp: the daily recipient quota and one email with a plain-text and an HTML body.
// developers.google.com/apps-script/reference/mail/mail-app
import type { MailPort } from '../ports';

export const SENDER_NAME = 'OGP Cocreate';

export function mailApp(): MailPort {
  return {
    remainingDailyQuota: () => MailApp.getRemainingDailyQuota(),
    send(m) {
      MailApp.sendEmail({
        to: m.to,
        subject: m.subject,
        body: m.body,
        htmlBody: m.htmlBody,
        name: SENDER_NAME,
      });
    },
  };
}
