// Sending email (adapter: lambdas/adapters/ses-mailer.ts). Addresses are validated before sending: the
// local SES sink accepts anything.

export interface OutgoingEmail {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;

export function assertAddresses(addresses: string[]): void {
  const bad = addresses.filter((a) => !ADDRESS.test(a));
  if (bad.length) throw new Error(`Invalid email address(es): ${bad.join(', ')}`);
}
