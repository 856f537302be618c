// Our one-call SSM client against a local server, side by side with the official @aws-sdk/client-ssm:
// the same operation, body and signing scheme; values and errors read back.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getParameters } from '../../../../lambdas/adapters/ssm-parameters';

const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
let reply: { status: number; body: unknown } = { status: 200, body: {} };
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    seen.push({ headers: req.headers, body });
    res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(reply.body));
  });
});
let endpoint = '';
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'tok',
};

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('SSM GetParameters without the SDK client', () => {
  it('sends what the official client sends, signed with SigV4 for ssm in the region', async () => {
    reply = {
      status: 200,
      body: {
        Parameters: [{ Name: '/a', Value: 's3cret', Type: 'SecureString' }],
        InvalidParameters: ['/b'],
      },
    };
    const official = new SSMClient({ region: 'ap-southeast-3', endpoint, credentials });
    await official.send(new GetParametersCommand({ Names: ['/a', '/b'], WithDecryption: true }));
    official.destroy();
    const values = await getParameters(['/a', '/b'], {
      region: 'ap-southeast-3',
      endpoint,
      credentials: () => credentials,
    });
    expect(values).toEqual(new Map([['/a', 's3cret']]));

    const [theirs, ours] = seen.slice(-2) as [(typeof seen)[number], (typeof seen)[number]];
    expect(ours.headers['x-amz-target']).toBe(theirs.headers['x-amz-target']);
    expect(ours.headers['content-type']).toBe(theirs.headers['content-type']);
    expect(JSON.parse(ours.body)).toEqual(JSON.parse(theirs.body));
    expect(ours.headers['x-amz-security-token']).toBe('tok');
    const scope = /Credential=AKIDEXAMPLE\/\d{8}\/ap-southeast-3\/ssm\/aws4_request/;
    expect(String(theirs.headers.authorization)).toMatch(scope);
    expect(String(ours.headers.authorization)).toMatch(scope);
    expect(String(ours.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 .*SignedHeaders=[^,]*x-amz-target[^,]*, Signature=[0-9a-f]{64}$/,
    );
  });

  it('fails loudly with the API error type', async () => {
    reply = { status: 400, body: { __type: 'AccessDeniedException', message: 'not allowed' } };
    await expect(
      getParameters(['/a'], { region: 'ap-southeast-3', endpoint, credentials: () => credentials }),
    ).rejects.toThrow('SSM GetParameters failed: AccessDeniedException: not allowed');
  });
});
