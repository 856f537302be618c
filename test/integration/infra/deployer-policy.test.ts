// infra/deployer-policy.json against the CloudFormation template `osls package` generates: every resource type
// in the template is one the policy can create, update and delete, only under the stack's own names.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const root = join(__dirname, '..', '..', '..');
const STAGE = 'prod';
const REGION = 'ap-southeast-3';
const ACCOUNT = '123456789012';
const STACK = `ogp-cocreate-${STAGE}`;

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are free-form JSON
type Resource = { Type: string; Properties: Record<string, any> };

const policy: { Statement: Statement[] } = JSON.parse(
  readFileSync(join(root, 'infra', 'deployer-policy.json'), 'utf8'),
);
const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
/** IAM's wildcard matching: `*` any run of characters, `?` one; actions case-insensitively. */
const glob = (pattern: string, value: string, ignoreCase = false) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    ignoreCase ? 'i' : '',
  ).test(value);

/** The Allow statements that grant `action` on `arn` (the policy has no Deny). */
function grants(action: string, arn: string): Statement[] {
  return policy.Statement.filter(
    (s) =>
      s.Effect === 'Allow' &&
      list(s.Action).some((a) => glob(a, action, true)) &&
      list(s.Resource).some((r) => glob(r, arn)),
  );
}

// A generated physical name, as CloudFormation makes it when the template gives none: stack-logicalId-suffix.
const generated = (logicalId: string) => `${STACK}-${logicalId}-1A2B3C4D5E6F`;
const arn = (service: string, rest: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`;
const functionArn = (resources: Record<string, Resource>, ref: unknown): string => {
  const id =
    (ref as { Ref?: string; 'Fn::GetAtt'?: string[] }).Ref ??
    (ref as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  return arn('lambda', `function:${resources[id as string]?.Properties.FunctionName}`);
};
const API = 'arn:aws:apigateway:ap-southeast-3::/apis';

/**
 * What CloudFormation calls, with the deployer's credentials, to create, update and delete one resource of
 * each type (from each type's API reference), on the ARN that resource gets. A type missing here fails
 * the test: add it to infra/deployer-policy.json and here.
 */
const NEEDS: Record<
  string,
  (id: string, r: Resource, all: Record<string, Resource>) => [string[], string[]]
> = {
  'AWS::S3::Bucket': (id) => {
    const bucket = `arn:aws:s3:::${generated(id).toLowerCase()}`;
    return [
      [
        's3:CreateBucket',
        's3:PutEncryptionConfiguration',
        's3:GetEncryptionConfiguration',
        's3:PutBucketTagging',
        's3:DeleteBucket',
        's3:ListBucket',
        's3:GetBucketLocation',
      ],
      [bucket],
    ];
  },
  'AWS::S3::BucketPolicy': (_id, r) => [
    ['s3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:DeleteBucketPolicy'],
    [`arn:aws:s3:::${generated(r.Properties.Bucket.Ref).toLowerCase()}`],
  ],
  'AWS::Logs::LogGroup': (_id, r) => [
    [
      'logs:CreateLogGroup',
      'logs:PutRetentionPolicy',
      'logs:DeleteLogGroup',
      'logs:DescribeLogGroups',
      'logs:TagResource',
    ],
    [
      arn('logs', `log-group:${r.Properties.LogGroupName}`),
      arn('logs', `log-group:${r.Properties.LogGroupName}:*`),
    ],
  ],
  'AWS::Lambda::Function': (_id, r) => [
    [
      'lambda:CreateFunction',
      'lambda:GetFunction',
      'lambda:UpdateFunctionCode',
      'lambda:UpdateFunctionConfiguration',
      'lambda:DeleteFunction',
      'lambda:TagResource',
      'lambda:ListTags',
    ],
    [arn('lambda', `function:${r.Properties.FunctionName}`)],
  ],
  'AWS::Lambda::EventInvokeConfig': (_id, r, all) => [
    [
      'lambda:PutFunctionEventInvokeConfig',
      'lambda:UpdateFunctionEventInvokeConfig',
      'lambda:GetFunctionEventInvokeConfig',
      'lambda:DeleteFunctionEventInvokeConfig',
    ],
    [functionArn(all, r.Properties.FunctionName)],
  ],
  'AWS::Lambda::Permission': (_id, r, all) => [
    ['lambda:AddPermission', 'lambda:RemovePermission', 'lambda:GetPolicy'],
    [functionArn(all, r.Properties.FunctionName)],
  ],
  'AWS::Events::Rule': (id) => [
    [
      'events:PutRule',
      'events:PutTargets',
      'events:DescribeRule',
      'events:RemoveTargets',
      'events:DeleteRule',
    ],
    [arn('events', `rule/${generated(id)}`)],
  ],
  'AWS::ApiGatewayV2::Api': () => [
    ['apigateway:POST', 'apigateway:GET', 'apigateway:PATCH', 'apigateway:DELETE'],
    [API, `${API}/a1b2c3`],
  ],
  'AWS::ApiGatewayV2::Stage': () => [
    ['apigateway:POST', 'apigateway:GET', 'apigateway:PATCH', 'apigateway:DELETE'],
    [`${API}/a1b2c3/stages/$default`],
  ],
  'AWS::ApiGatewayV2::Integration': () => [
    ['apigateway:POST', 'apigateway:GET', 'apigateway:PATCH', 'apigateway:DELETE'],
    [`${API}/a1b2c3/integrations/x1y2z3`],
  ],
  'AWS::ApiGatewayV2::Route': () => [
    ['apigateway:POST', 'apigateway:GET', 'apigateway:PATCH', 'apigateway:DELETE'],
    [`${API}/a1b2c3/routes/x1y2z3`],
  ],
  'AWS::DynamoDB::Table': (_id, r) => [
    [
      'dynamodb:CreateTable',
      'dynamodb:DescribeTable',
      'dynamodb:UpdateTable',
      'dynamodb:UpdateContinuousBackups',
      'dynamodb:DescribeContinuousBackups',
      'dynamodb:UpdateTimeToLive',
      'dynamodb:DescribeTimeToLive',
      'dynamodb:TagResource',
      'dynamodb:ListTagsOfResource',
    ],
    [arn('dynamodb', `table/${r.Properties.TableName}`)],
  ],
  'AWS::IAM::Role': (id) => [
    [
      'iam:CreateRole',
      'iam:GetRole',
      'iam:PutRolePolicy',
      'iam:GetRolePolicy',
      'iam:DeleteRolePolicy',
      'iam:UpdateAssumeRolePolicy',
      'iam:UpdateRoleDescription',
      'iam:TagRole',
      'iam:DeleteRole',
      'iam:PassRole',
    ],
    [`arn:aws:iam::${ACCOUNT}:role/${generated(id)}`],
  ],
  'AWS::CloudWatch::Alarm': (_id, r) => [
    [
      'cloudwatch:PutMetricAlarm',
      'cloudwatch:DescribeAlarms',
      'cloudwatch:DeleteAlarms',
      'cloudwatch:TagResource',
    ],
    [arn('cloudwatch', `alarm:${r.Properties.AlarmName}`)],
  ],
  'AWS::SQS::Queue': (_id, r) => [
    [
      'sqs:CreateQueue',
      'sqs:GetQueueUrl',
      'sqs:GetQueueAttributes',
      'sqs:SetQueueAttributes',
      'sqs:TagQueue',
      'sqs:DeleteQueue',
    ],
    [arn('sqs', r.Properties.QueueName)],
  ],
};

/** What osls itself calls while deploying (node_modules/osls/lib/plugins/aws/deploy and lib). */
const OSLS_CALLS: [string[], string][] = [
  [['sts:GetCallerIdentity', 'cloudformation:ValidateTemplate'], '*'],
  [
    [
      'cloudformation:DescribeStacks',
      'cloudformation:CreateStack',
      'cloudformation:UpdateStack',
      'cloudformation:DescribeStackEvents',
      'cloudformation:DescribeStackResource',
      'cloudformation:ListStackResources',
      'cloudformation:GetTemplate',
      'cloudformation:CreateChangeSet',
      'cloudformation:DescribeChangeSet',
      'cloudformation:ExecuteChangeSet',
      'cloudformation:DeleteChangeSet',
      'cloudformation:SetStackPolicy',
    ],
    arn('cloudformation', `stack/${STACK}/0f1e2d3c-aaaa-bbbb-cccc-123456789012`),
  ],
  [
    ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
    `arn:aws:s3:::${generated('ServerlessDeploymentBucket').toLowerCase()}/serverless/ogp-cocreate/${STAGE}/x/ingest.zip`,
  ],
];

describe('the deployer IAM policy (infra/deployer-policy.json)', () => {
  let resources: Record<string, Resource>;
  let packageDir: string;

  beforeAll(async () => {
    packageDir = mkdtempSync(join(tmpdir(), 'ogp-cocreate-deployer-'));
    await promisify(execFile)(
      process.execPath,
      [
        join(root, 'node_modules', 'osls', 'bin', 'serverless.js'),
        'package',
        '--stage',
        STAGE,
        '--package',
        packageDir,
        '--param=digestFrom=sekretariat@example.org',
        '--param=digestTo=wg-review@example.org',
      ],
      {
        cwd: root,
        timeout: 150_000,
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_PROFILE: undefined,
          CI: '1',
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
          SLS_DEPRECATION_DISABLE: '*',
        },
      },
    );
    resources = JSON.parse(
      readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'),
    ).Resources;
  }, 180_000);
  afterAll(() => rmSync(packageDir, { recursive: true, force: true }));

  it('knows every resource type in the generated template', () => {
    const types = [...new Set(Object.values(resources).map((r) => r.Type))].sort();
    expect(types.filter((t) => !NEEDS[t])).toEqual([]);
  });

  it('lets CloudFormation create, update and delete each resource of the template under its own name', () => {
    const missing: string[] = [];
    for (const [id, r] of Object.entries(resources)) {
      const need = NEEDS[r.Type];
      if (!need) continue;
      const [actions, arns] = need(id, r, resources);
      for (const action of actions)
        for (const target of arns)
          if (grants(action, target).length === 0) missing.push(`${id} (${r.Type}): ${action} on ${target}`);
    }
    expect(missing).toEqual([]);
  });

  it('allows what osls itself calls while deploying', () => {
    for (const [actions, target] of OSLS_CALLS)
      for (const action of actions) expect([action, grants(action, target).length]).toEqual([action, 1]);
  });

  it('grants nothing outside the stack: not another table, function, role or queue of the account', () => {
    const foreign: [string, string][] = [
      ['dynamodb:Scan', arn('dynamodb', 'table/payroll')],
      ['lambda:UpdateFunctionCode', arn('lambda', 'function:payroll-export')],
      ['iam:PutRolePolicy', `arn:aws:iam::${ACCOUNT}:role/Admin`],
      ['iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/Admin`],
      ['sqs:DeleteQueue', arn('sqs', 'payroll-jobs')],
      ['s3:GetObject', 'arn:aws:s3:::payroll-archive/2026.csv'],
      ['cloudformation:UpdateStack', arn('cloudformation', 'stack/payroll/0f1e2d3c')],
      ['ssm:GetParameter', arn('ssm', 'parameter/payroll/db-password')],
    ];
    for (const [action, target] of foreign)
      expect([action, target, grants(action, target)]).toEqual([action, target, []]);
  });

  it('can never delete the table, nor create users, keys or policies', () => {
    for (const action of [
      'dynamodb:DeleteTable',
      'iam:CreateUser',
      'iam:CreateAccessKey',
      'iam:CreatePolicy',
      'iam:AttachRolePolicy',
    ])
      expect([
        action,
        grants(action, arn('dynamodb', `table/cocreate-${STAGE}`)),
        grants(action, `arn:aws:iam::${ACCOUNT}:role/${STACK}-x`),
      ]).toEqual([action, [], []]);
  });

  it('passes the function roles to Lambda only', () => {
    const pass = grants('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/${generated('IngestRole')}`);
    expect(pass.map((s) => s.Condition)).toEqual([
      { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    ]);
  });

  it('uses no service-wide action, a wildcard only for read verbs, and "*" only for actions that cannot be scoped', () => {
    for (const s of policy.Statement) {
      for (const action of list(s.Action)) {
        expect(action).toMatch(/^[a-z0-9]+:[A-Za-z]/);
        if (action.includes('*')) expect(action).toMatch(/^[a-z0-9]+:(Get|List|Describe)[A-Za-z]*\*$/);
      }
      if (list(s.Resource).includes('*'))
        expect(list(s.Action).sort()).toEqual(['cloudformation:ValidateTemplate', 'sts:GetCallerIdentity']);
    }
  });
});
