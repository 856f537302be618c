// Packages the stack with osls, offline, and checks the CloudFormation it would deploy against the one
// definition of the functions, routes and table in shared/.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ACCESS_LOG_FORMAT,
  API_5XX_PATTERN,
  accessLogLine,
  alerting,
  billedMonitoring,
  ERROR_LINE_PATTERN,
  FAILURE_LINE_PATTERN,
} from '../../../../infra/build/alarms';
import { FUNCTIONS, type FunctionDefinition, ROUTES } from '../../../../shared/definitions/routes';
import { TABLE, tableName, tableSchema } from '../../../../shared/definitions/table';

const root = join(__dirname, '..', '..', '..', '..');
const osls = join(root, 'node_modules', 'osls', 'bin', 'serverless.js');
const STAGE = 'test';

/** No prompts, no AWS account, no phoning home. */
const oslsEnv: NodeJS.ProcessEnv = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_PROFILE: undefined,
  CI: '1',
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
  SLS_DEPRECATION_DISABLE: '*',
};

async function runOsls(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [osls, ...args], {
    cwd: root,
    env: oslsEnv,
    timeout: 150_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are free-form JSON, checked by the tests
type Properties = Record<string, any>;
interface CfnResource {
  Type: string;
  DeletionPolicy?: string;
  Properties: Properties;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** File names in a zip archive, read from its central directory. */
function zipEntries(zip: Buffer): string[] {
  const endOfDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfDirectory < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(endOfDirectory + 10);
  let at = zip.readUInt32LE(endOfDirectory + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

describe('serverless.yml packaged with osls', () => {
  let packageDir: string;
  let resources: Record<string, CfnResource>;

  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const lambdaOf = (name: string): CfnResource => {
    const found = ofType('AWS::Lambda::Function').find(
      ([, r]) => r.Properties.Handler === `dist/lambdas/${name}/index.handler`,
    );
    if (!found) throw new Error(`no Lambda function for ${name}`);
    return found[1];
  };
  const lambdaIdOf = (name: string) =>
    ofType('AWS::Lambda::Function').find(
      ([, r]) => r.Properties.Handler === `dist/lambdas/${name}/index.handler`,
    )?.[0];
  const roleIdOf = (name: string): string => lambdaOf(name).Properties.Role['Fn::GetAtt'][0];
  const statementsOf = (name: string): Statement[] => {
    const role = resources[roleIdOf(name)];
    if (!role) throw new Error(`no role for ${name}`);
    return role.Properties.Policies.flatMap((p: Properties) => p.PolicyDocument.Statement);
  };
  const actionsFor = (name: string, service: string) =>
    statementsOf(name)
      .flatMap(actionsOf)
      .filter((a) => a.startsWith(`${service}:`))
      .sort();

  beforeAll(async () => {
    const missing = FUNCTIONS.filter((fn) => !existsSync(join(root, 'dist', 'lambdas', fn.name, 'index.js')));
    if (missing.length > 0) {
      throw new Error(
        `No bundle for ${missing.map((fn) => fn.name).join(', ')}: run \`node infra/build/build.mjs\` first`,
      );
    }
    packageDir = mkdtempSync(join(tmpdir(), 'ogp-cocreate-package-'));
    await runOsls('package', '--stage', STAGE, '--package', packageDir);
    const template = JSON.parse(
      readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'),
    );
    resources = template.Resources;
  }, 180_000);

  afterAll(() => {
    if (packageDir) rmSync(packageDir, { recursive: true, force: true });
  });

  describe('the public site', () => {
    it('is a private, encrypted bucket that only its CloudFront distribution reads, over HTTPS', () => {
      const bucket = resources.SiteBucket;
      expect(bucket?.Type).toBe('AWS::S3::Bucket');
      expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket?.Properties.BucketEncryption).toBeDefined();
      const [statement, ...others] = resources.SiteBucketPolicy?.Properties.PolicyDocument.Statement ?? [];
      expect(others).toEqual([]);
      expect(statement).toMatchObject({
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      });
      const dist = resources.SiteDistribution?.Properties.DistributionConfig;
      expect(dist).toMatchObject({ DefaultRootObject: 'index.html' });
      expect(dist.DefaultCacheBehavior).toMatchObject({
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
      });
      expect(dist.Origins[0].OriginAccessControlId).toEqual({
        'Fn::GetAtt': ['SiteOriginAccessControl', 'Id'],
      });
    });

    it('is republished when a proposal, a review or a negotiation changes: a keys-only stream, filtered, read by publish alone', () => {
      expect(resources.ProposalsTable?.Properties.StreamSpecification).toEqual({
        StreamViewType: 'KEYS_ONLY',
      });
      const mappings = ofType('AWS::Lambda::EventSourceMapping');
      expect(mappings).toHaveLength(1);
      const mapping = mappings[0]?.[1];
      expect(mapping?.Properties.EventSourceArn).toEqual({ 'Fn::GetAtt': ['ProposalsTable', 'StreamArn'] });
      expect(mapping?.Properties.FunctionName).toEqual({ 'Fn::GetAtt': [lambdaIdOf('publish'), 'Arn'] });
      expect(mapping?.Properties.MaximumBatchingWindowInSeconds).toBe(60);
      const prefixes = mapping?.Properties.FilterCriteria.Filters.map(
        (f: { Pattern: string }) => JSON.parse(f.Pattern).dynamodb.Keys.sk.S[0].prefix,
      );
      expect(prefixes).toEqual(['PROPOSAL#', 'REVIEW#', 'NEGOTIATION#']);
      for (const fn of FUNCTIONS) {
        const stream = statementsOf(fn.name).filter((st) => actionsOf(st).includes('dynamodb:GetRecords'));
        expect([fn.name, stream.length]).toEqual([fn.name, fn.name === 'publish' ? 1 : 0]);
      }
    });

    it('tells publish its bucket and publish and notify the site address', () => {
      expect(lambdaOf('publish').Properties.Environment.Variables.SITE_BUCKET).toEqual({ Ref: 'SiteBucket' });
      for (const name of ['publish', 'notify']) {
        expect(lambdaOf(name).Properties.Environment.Variables.PUBLIC_SITE_URL).toEqual({
          'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['SiteDistribution', 'DomainName'] }]],
        });
      }
    });
  });

  describe('the table', () => {
    it('has the keys and indexes of the shared table schema and the stage name', () => {
      const table = resources.ProposalsTable;
      expect(table?.Type).toBe('AWS::DynamoDB::Table');
      const schema = tableSchema();
      expect(table?.Properties).toMatchObject({
        TableName: tableName(STAGE),
        AttributeDefinitions: schema.AttributeDefinitions,
        KeySchema: schema.KeySchema,
        GlobalSecondaryIndexes: schema.GlobalSecondaryIndexes,
        BillingMode: 'PAY_PER_REQUEST',
      });
    });

    it('keeps backups, encryption, deletion protection and expiry on', () => {
      const table = resources.ProposalsTable;
      expect(table?.Properties).toMatchObject({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      });
      expect(table?.DeletionPolicy).toBe('Retain');
    });

    it('is the only table in the stack', () => {
      expect(ofType('AWS::DynamoDB::Table').map(([id]) => id)).toEqual(['ProposalsTable']);
    });
  });

  describe('the functions', () => {
    it('deploys exactly the shared functions, with their memory, timeout and bundle handler', () => {
      expect(ofType('AWS::Lambda::Function')).toHaveLength(FUNCTIONS.length);
      for (const fn of FUNCTIONS) {
        expect(lambdaOf(fn.name).Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          MemorySize: fn.memoryMb,
          Timeout: fn.timeoutSeconds,
          FunctionName: `ogp-cocreate-${STAGE}-${fn.name}`,
        });
      }
    });

    it('packages each function with its own bundle and nothing else', () => {
      for (const fn of FUNCTIONS) {
        const entries = zipEntries(readFileSync(join(packageDir, `${fn.name}.zip`)));
        expect(entries).toEqual([`dist/lambdas/${fn.name}/index.js`]);
      }
    });

    it('gives each function the table name and stage, and the signing secret names only where needed', () => {
      for (const fn of FUNCTIONS) {
        const env = lambdaOf(fn.name).Properties.Environment.Variables;
        expect(env).toMatchObject({ TABLE_NAME: tableName(STAGE), STAGE });
        if (fn.signingSecret) {
          expect(env.SIGNING_SECRET_PARAMETERS).toBe(
            `/ogp-cocreate/${STAGE}/signing-secret,/ogp-cocreate/${STAGE}/signing-secret-previous`,
          );
        } else {
          expect(env.SIGNING_SECRET_PARAMETERS).toBeUndefined();
        }
        if (fn.ses) {
          expect(env.DIGEST_FROM).toMatch(/@/);
          expect(env.DIGEST_TO).toMatch(/@/);
        } else {
          expect(env.DIGEST_FROM).toBeUndefined();
        }
      }
    });
  });

  describe('the HTTP API', () => {
    it('has one route per shared route, each integrated with its function, and no others', () => {
      const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
      expect(routes.map((r) => r.RouteKey).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
      for (const route of ROUTES) {
        const target = routes.find((r) => r.RouteKey === `${route.method} ${route.path}`)?.Target;
        const integrationId = target['Fn::Join'][1][1].Ref;
        expect(resources[integrationId]?.Properties.IntegrationUri).toEqual({
          'Fn::GetAtt': [lambdaIdOf(route.function), 'Arn'],
        });
      }
    });

    it('throttles every route by default', () => {
      const settings = resources.HttpApiStage?.Properties.DefaultRouteSettings;
      expect(settings.ThrottlingBurstLimit).toBeGreaterThan(0);
      expect(settings.ThrottlingRateLimit).toBeGreaterThan(0);
    });

    it('throttles each public route on its own, below the signed routes, so polling cannot starve them', () => {
      const stage = resources.HttpApiStage?.Properties as Properties;
      for (const r of ROUTES.filter((route) => route.auth === 'public')) {
        const own = stage.RouteSettings[`${r.method} ${r.path}`];
        expect(own.ThrottlingRateLimit).toBeGreaterThan(0);
        expect(own.ThrottlingRateLimit).toBeLessThan(stage.DefaultRouteSettings.ThrottlingRateLimit);
        expect(own.ThrottlingBurstLimit).toBeLessThan(stage.DefaultRouteSettings.ThrottlingBurstLimit);
      }
      for (const r of ROUTES.filter((route) => route.auth === 'signed'))
        expect(stage.RouteSettings[`${r.method} ${r.path}`]).toBeUndefined();
    });
  });

  describe('scheduled functions', () => {
    const scheduled = FUNCTIONS.filter((fn) => fn.schedule);

    it('includes the digest', () => {
      expect(scheduled.map((fn) => fn.name)).toContain('digest');
    });

    it('runs each on its shared schedule', () => {
      const rules = ofType('AWS::Events::Rule').map(([, r]) => r.Properties);
      expect(rules).toHaveLength(scheduled.length);
      for (const fn of scheduled) {
        const rule = rules.find((r) => r.Targets[0].Arn['Fn::GetAtt'][0] === lambdaIdOf(fn.name));
        expect(rule).toMatchObject({ ScheduleExpression: fn.schedule, State: 'ENABLED' });
      }
    });

    it('parks a failed run in an encrypted queue that only that function can write to', () => {
      for (const fn of scheduled) {
        const config = ofType('AWS::Lambda::EventInvokeConfig').find(
          ([, r]) => r.Properties.FunctionName.Ref === lambdaIdOf(fn.name),
        )?.[1];
        const queueId = config?.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0];
        expect(resources[queueId]).toMatchObject({
          Type: 'AWS::SQS::Queue',
          Properties: { SqsManagedSseEnabled: true },
        });
        const sqs = statementsOf(fn.name).filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
        expect(sqs).toEqual([
          { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } },
        ]);
      }
    });

    it('lets a param override the schedule', async () => {
      const fn = scheduled[0] as FunctionDefinition;
      const printed = await runOsls(
        'print',
        '--stage',
        STAGE,
        '--param',
        `${fn.name}Schedule=rate(2 hours)`,
        '--format',
        'json',
        '--path',
        `functions.${fn.name}.events`,
      );
      expect(JSON.parse(printed)).toContainEqual({ schedule: { rate: ['rate(2 hours)'], enabled: true } });
    }, 60_000);
  });

  describe('alarms', () => {
    it('counts every 5xx answer of the HTTP API from its access log into the same errors metric, and has no 5xx alarm of its own', () => {
      // The stage writes its access log to the log group osls made for it, in the format the filter reads.
      const stage = resources.HttpApiStage?.Properties as Properties;
      expect(stage.AccessLogSettings).toEqual({
        DestinationArn: { 'Fn::GetAtt': ['HttpApiLogGroup', 'Arn'] },
        Format: ACCESS_LOG_FORMAT,
      });
      expect(resources.HttpApiLogGroup).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { LogGroupName: `/aws/http-api/ogp-cocreate-${STAGE}` },
      });
      // A line of that format is JSON with the status as a number (what `{ $.status >= 500 }` compares),
      // and nothing that identifies a person.
      const line = JSON.parse(
        accessLogLine({ requestId: 'JKJaXmPLvHcESHA=', routeKey: 'POST /v1/proposals', status: 502 }),
      );
      expect(line.status).toBe(502);
      expect(ACCESS_LOG_FORMAT).not.toMatch(/sourceIp|userAgent|identity/);
      const onAccessLog = ofType('AWS::Logs::MetricFilter')
        .map(([, r]) => r.Properties)
        .filter((f) => f.LogGroupName.Ref === 'HttpApiLogGroup');
      expect(onAccessLog).toEqual([
        {
          LogGroupName: { Ref: 'HttpApiLogGroup' },
          FilterPattern: API_5XX_PATTERN,
          MetricTransformations: [
            { MetricNamespace: `ogp-cocreate/${STAGE}`, MetricName: 'errors', MetricValue: '1' },
          ],
        },
      ]);
      expect(API_5XX_PATTERN).toBe('{ $.status >= 500 }');
      const alarms = ofType('AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
      expect(alarms.filter((a) => a.Namespace === 'AWS/ApiGateway')).toEqual([]);
    });

    it("counts every function's error log lines and Lambda's own failure lines into one metric, which one alarm watches", () => {
      const filters = ofType('AWS::Logs::MetricFilter').map(([, r]) => r.Properties);
      const alarms = ofType('AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
      const metrics = new Set(filters.map((f) => JSON.stringify(f.MetricTransformations)));
      // One metric, no dimensions and no default value: every filter adds 1 per matching line to it.
      expect([...metrics]).toHaveLength(1);
      const [metric] = filters[0]?.MetricTransformations ?? [];
      expect(metric).toEqual({
        MetricNamespace: `ogp-cocreate/${STAGE}`,
        MetricName: 'errors',
        MetricValue: '1',
      });
      expect(alarms).toContainEqual(
        expect.objectContaining({
          Namespace: metric.MetricNamespace,
          MetricName: metric.MetricName,
          Statistic: 'Sum',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        }),
      );
      expect(alarms.find((a) => a.MetricName === metric.MetricName)?.Dimensions).toBeUndefined();
      for (const fn of FUNCTIONS) {
        // The filters must sit on the log group this function really writes to.
        const logGroupName = `/aws/lambda/${lambdaOf(fn.name).Properties.FunctionName}`;
        const patterns = filters
          .filter((f) => resources[f.LogGroupName.Ref]?.Properties.LogGroupName === logGroupName)
          .map((f) => f.FilterPattern);
        expect(patterns).toContain(ERROR_LINE_PATTERN);
        expect(patterns).toContain(FAILURE_LINE_PATTERN);
      }
      // The HTTP API's 5xx filter is the only other one (checked above).
      const onFunctions = filters.filter((f) => f.LogGroupName.Ref !== 'HttpApiLogGroup');
      expect(onFunctions).toHaveLength(2 * FUNCTIONS.length);
      for (const term of ['Task timed out', 'errorType', 'Invoke Error', 'Runtime exited'])
        expect(FAILURE_LINE_PATTERN).toContain(term);
    });

    it('sends every alarm to the alarm topic when one is given', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cocreate-osls-topic-'));
      try {
        const topic = 'arn:aws:sns:ap-southeast-3:123456789012:cocreate-alarms';
        await runOsls('package', '--stage', STAGE, '--package', dir, '--param', `alarmTopicArn=${topic}`);
        const template = JSON.parse(
          readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8'),
        );
        const alarms = Object.values(template.Resources as Record<string, CfnResource>).filter(
          (r) => r.Type === 'AWS::CloudWatch::Alarm',
        );
        // One alarm sees it all: every function's error and failure lines and every 5xx of the API.
        expect(alarms).toHaveLength(1);
        for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([topic]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);

    it('bills 1 alarm metric and 1 custom metric, as the round-cost bench counts them from the same definition', () => {
      const billed = billedMonitoring(resources);
      expect(billed).toEqual({ alarms: 1, alarmMetrics: 1, customMetrics: 1 });
      const fromDefinition = billedMonitoring(
        alerting({ service: 'ogp-cocreate', stage: STAGE }, FUNCTIONS, undefined),
      );
      expect(fromDefinition).toEqual(billed);
      // And what the bench prices is what is packaged: every alerting resource, the 5xx filter included.
      const definition = alerting({ service: 'ogp-cocreate', stage: STAGE }, FUNCTIONS, undefined);
      expect(Object.keys(definition)).toContain('HttpApi5xxLogFilter');
      for (const [id, r] of Object.entries(definition)) expect([id, resources[id]]).toEqual([id, r]);
    });
  });

  describe('IAM', () => {
    it('gives every function its own role', () => {
      const roles = FUNCTIONS.map((fn) => roleIdOf(fn.name));
      expect(new Set(roles).size).toBe(FUNCTIONS.length);
      for (const id of roles) {
        expect(resources[id]?.Type).toBe('AWS::IAM::Role');
        expect(resources[id]?.Properties.ManagedPolicyArns).toBeUndefined();
      }
    });

    it('never allows a wildcard action or an unscoped ("*") resource', () => {
      const statements = ofType('AWS::IAM::Role').flatMap(([, r]) =>
        r.Properties.Policies.flatMap((p: Properties) => p.PolicyDocument.Statement as Statement[]),
      );
      expect(statements.length).toBeGreaterThan(0);
      for (const s of statements) {
        for (const action of actionsOf(s)) expect(action).not.toContain('*');
        expect(resourcesOf(s)).not.toContain('*');
      }
    });

    it('allows each function exactly its shared DynamoDB actions, on the table only', () => {
      // Reading the table's change stream is checked with the public site (publish alone may).
      const onStream = (s: Statement) => actionsOf(s).includes('dynamodb:GetRecords');
      for (const fn of FUNCTIONS) {
        const tableActions = statementsOf(fn.name)
          .filter((s) => !onStream(s))
          .flatMap(actionsOf)
          .filter((a) => a.startsWith('dynamodb:'))
          .sort();
        expect(tableActions).toEqual([...fn.dynamodb].sort());
        const dynamodb = statementsOf(fn.name).filter(
          (s) => !onStream(s) && actionsOf(s).some((a) => a.startsWith('dynamodb:')),
        );
        for (const s of dynamodb) {
          expect(resourcesOf(s)).toContainEqual({ 'Fn::GetAtt': ['ProposalsTable', 'Arn'] });
          expect(resourcesOf(s)).toHaveLength(fn.indexes ? 2 : 1);
        }
      }
    });

    it('does not let ingest scan, batch or delete, nor health touch the table', () => {
      const ingest = actionsFor('ingest', 'dynamodb');
      for (const action of [
        'dynamodb:Scan',
        'dynamodb:BatchWriteItem',
        'dynamodb:DeleteItem',
        'dynamodb:UpdateItem',
      ]) {
        expect(ingest).not.toContain(action);
      }
      expect(actionsFor('health', 'dynamodb')).toEqual([]);
    });

    it("lets only email-sending functions send, from the configured sender, via its identity and (for the SES sandbox) the recipients' identities", () => {
      for (const fn of FUNCTIONS) {
        const ses = statementsOf(fn.name).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
        if (!fn.ses) {
          expect(ses).toEqual([]);
          continue;
        }
        expect(ses).toHaveLength(1);
        expect(actionsOf(ses[0] as Statement)).toEqual(['ses:SendEmail']);
        expect(ses[0]?.Resource).toEqual(
          ['example.org', 'wg-review@example.org'].map((identity) => ({
            'Fn::Sub': `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/${identity}`,
          })),
        );
        expect(ses[0]?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'sekretariat@example.org' } });
      }
      expect(FUNCTIONS.filter((fn) => fn.ses).map((fn) => fn.name)).toEqual(['digest', 'notify']);
    });

    it('lets only publish write the public site: objects of the site bucket, and read its manifest alone', () => {
      for (const fn of FUNCTIONS) {
        const s3 = statementsOf(fn.name).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
        if (!fn.site) {
          expect([fn.name, s3]).toEqual([fn.name, []]);
          continue;
        }
        expect(s3.map((s) => [actionsOf(s), s.Resource])).toEqual([
          [['s3:PutObject'], { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['SiteBucket', 'Arn'] }, '/*']] }],
          [
            ['s3:GetObject'],
            { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['SiteBucket', 'Arn'] }, '/.publish-manifest.json']] },
          ],
        ]);
      }
      expect(FUNCTIONS.filter((fn) => fn.site).map((fn) => fn.name)).toEqual(['publish']);
    });

    it('lets a function read only the secrets it needs, decrypting through SSM alone', () => {
      for (const fn of FUNCTIONS) {
        const statements = statementsOf(fn.name);
        const ssm = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('ssm:')));
        const kms = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('kms:')));
        const names = [
          ...(fn.signingSecret ? ['signing-secret', 'signing-secret-previous'] : []),
          ...(fn.googleCredentials ? ['google-service-account'] : []),
        ];
        if (names.length === 0) {
          expect([...ssm, ...kms]).toEqual([]);
          continue;
        }
        expect(ssm.flatMap(actionsOf)).toEqual(['ssm:GetParameters']);
        expect(ssm.flatMap(resourcesOf)).toEqual(
          names.map((name) => ({
            'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/ogp-cocreate/${STAGE}/${name}`,
          })),
        );
        expect(kms.flatMap(actionsOf)).toEqual(['kms:Decrypt']);
        expect(kms[0]?.Condition).toEqual({
          StringEquals: { 'kms:ViaService': { 'Fn::Sub': `ssm.\${AWS::Region}.amazonaws.com` } },
        });
      }
    });

    it('lets each function write logs to its own log group only', () => {
      for (const fn of FUNCTIONS) {
        const logs = statementsOf(fn.name).filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
        expect(logs.flatMap(resourcesOf)).toEqual([
          {
            'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/ogp-cocreate-${STAGE}-${fn.name}:*`,
          },
        ]);
      }
    });
  });
});
