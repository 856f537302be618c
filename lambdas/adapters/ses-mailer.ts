// Mailer port and its SES v2 adapter (SendEmail as one signed request: REST JSON, POST
// /v2/email/outbound-emails, docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html).
// Addresses are validated here: the local SES sink accepts anything.
import { type AwsEndpointOptions, awsErrorText, signedAwsRequest } from './aws-signed-request';

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

export class SesMailer implements Mailer {
  constructor(private readonly ses: AwsEndpointOptions) {}

  async send(email: OutgoingEmail) {
    assertAddresses([email.from, ...email.to]);
    const res = await signedAwsRequest(
      {
        service: 'ses',
        method: 'POST',
        path: '/v2/email/outbound-emails',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          FromEmailAddress: email.from,
          Destination: { ToAddresses: email.to },
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: {
                Html: { Data: email.html, Charset: 'UTF-8' },
                Text: { Data: email.text, Charset: 'UTF-8' },
              },
            },
          },
        }),
      },
      this.ses,
    );
    if (res.status !== 200) throw new Error(`SES SendEmail failed: ${awsErrorText(res.status, res.json)}`);
    return { messageId: String((res.json as { MessageId?: string } | undefined)?.MessageId ?? '') };
  }
}
