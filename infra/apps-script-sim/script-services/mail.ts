// MailApp: sent mail is recorded, with the daily recipient quota.
import type { Counted } from './calls';

export interface SimMail {
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
}

/** developers.google.com/apps-script/guides/services/quotas: "Email recipients per day 100" (consumer). */
export const DEFAULT_MAIL_QUOTA = 100;

export function createMailApp(counted: Counted, mails: SimMail[], quota = DEFAULT_MAIL_QUOTA) {
  // developers.google.com/apps-script/reference/mail/mail-app: sendEmail(message) with to, subject, body,
  // htmlBody, name (or sendEmail(to, subject, body, options)); getRemainingDailyQuota() is the number of
  // recipients left today; each recipient of a sent email uses one. Assumed: with no quota left,
  // sendEmail throws "Service invoked too many times for one day: email." and sends nothing; an address
  // without "@" throws "Invalid email: ...".
  let mailQuota = quota;
  const MailApp = {
    getRemainingDailyQuota: counted('MailApp.getRemainingDailyQuota', () => mailQuota),
    sendEmail: counted(
      'MailApp.sendEmail',
      (first: unknown, subject?: string, body?: string, extra?: object) => {
        const m = (
          typeof first === 'object' && first !== null ? first : { to: first, subject, body, ...(extra ?? {}) }
        ) as SimMail;
        const recipients = String(m.to ?? '')
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean);
        for (const r of recipients) if (!r.includes('@')) throw new Error(`Exception: Invalid email: ${r}`);
        if (recipients.length > mailQuota)
          throw new Error('Exception: Service invoked too many times for one day: email.');
        mailQuota -= recipients.length;
        mails.push({ ...m });
      },
    ),
  };
  return MailApp;
}
