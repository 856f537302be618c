// The Mailer on SES v2 (SendEmail as one signed request: REST JSON, POST /v2/email/outbound-emails,
// docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html).
import { assertAddresses, type Mailer, type OutgoingEmail } from '../ports/mailer';
import { type AwsEndpointOptions, awsErrorText, signedAwsRequest } from './aws-signed-request';

export { assertAddresses, type Mailer, type OutgoingEmail };

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
