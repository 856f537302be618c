// SSM Parameter Store GetParameters (SecureStrings decrypted) as one signed request (awsJson1_1).
// docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameters.html; a test checks the
// request against the official client's.
import { type AwsEndpointOptions, awsErrorText, signedAwsRequest } from './aws-signed-request';

export type SsmParametersOptions = AwsEndpointOptions;
export { credentialsFromEnv } from './aws-signed-request';

/** Reads parameters by name; missing names are absent from the result. Throws on any API error. */
export async function getParameters(
  names: readonly string[],
  opts: SsmParametersOptions,
): Promise<Map<string, string>> {
  const res = await signedAwsRequest(
    {
      service: 'ssm',
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.GetParameters' },
      body: JSON.stringify({ Names: names, WithDecryption: true }),
    },
    opts,
  );
  if (res.status !== 200) throw new Error(`SSM GetParameters failed: ${awsErrorText(res.status, res.json)}`);
  const out = (res.json ?? {}) as { Parameters?: { Name?: string; Value?: string }[] };
  return new Map((out.Parameters ?? []).filter((p) => p.Name).map((p) => [p.Name as string, p.Value ?? '']));
}
