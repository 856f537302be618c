// Reads the local SES sink (aws-ses-v2-local): GET /store lists what the Lambdas "sent".

export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

export async function listEmails(mailUrl: string): Promise<SentEmail[]> {
  const res = await fetch(`${mailUrl}/store`);
  if (!res.ok) throw new Error(`Mail sink answered ${res.status}`);
  return ((await res.json()) as { emails: SentEmail[] }).emails;
}
