// Generates the functions, routes, table, IAM roles and alarms of serverless.yml from the single definitions
// in shared/definitions/routes.ts and shared/definitions/table.ts, so the cloud stack cannot drift from the local one.
//
// serverless.yml reads it through file variables, e.g. `${file(./infra/build/serverless-config.js):functions}`:
// osls calls the exported function with `{ options, resolveVariable }` and substitutes what it returns.
// Strings in the returned value that contain `${param:...}` are resolved by osls afterwards.
'use strict';

const { loadTs } = require('./load-ts');
const { ACCESS_LOG_FORMAT, alerting } = require('./alarms');

let definitions;
function shared() {
  definitions ??= { ...loadTs('shared/definitions/routes.ts'), ...loadTs('shared/definitions/table.ts') };
  return definitions;
}

/** `ingest` -> `Ingest`: the prefix osls itself uses for a function's logical ids (IngestLogGroup, ...). */
const logicalName = (name) => name.charAt(0).toUpperCase() + name.slice(1);
const roleId = (name) => `${logicalName(name)}Role`;
const failureQueueId = (name) => `${logicalName(name)}FailureQueue`;
const TABLE_ID = 'ProposalsTable';
const SITE_BUCKET_ID = 'SiteBucket';
const SITE_DISTRIBUTION_ID = 'SiteDistribution';
/** The public site's address: the CloudFront domain (or `publicSiteUrl` when a custom domain fronts it). */
const siteUrl = (custom) =>
  custom ?? { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [SITE_DISTRIBUTION_ID, 'DomainName'] }]] };
const tableArn = { 'Fn::GetAtt': [TABLE_ID, 'Arn'] };
const sub = (template) => ({ 'Fn::Sub': template });
const arn = (serviceAndResource) => sub(`arn:\${AWS::Partition}:${serviceAndResource}`);

/** The signing secret and its predecessor (kept during a rotation), as SSM parameter names. */
const signingSecretParameters = (stage) => [
  `/ogp-cocreate/${stage}/signing-secret`,
  `/ogp-cocreate/${stage}/signing-secret-previous`,
];

/** The Google service-account key (JSON) the reconcile function uses for the Sheets and Forms APIs. */
const googleCredentialsParameter = (stage) => `/ogp-cocreate/${stage}/google-service-account`;

/** Every SecureString parameter a function may read. */
const secretParameters = (fn, stage) => [
  ...(fn.signingSecret ? signingSecretParameters(stage) : []),
  ...(fn.googleCredentials ? [googleCredentialsParameter(stage)] : []),
];

/** The values every generator needs, resolved once per osls run. */
async function context(resolveVariable) {
  const service = await resolveVariable('self:service');
  const stage = await resolveVariable('sls:stage');
  return { service, stage, ...shared() };
}

/** An optional `--param`/`params:` value, with a fallback when it is not set. */
async function optionalParam(resolveVariable, name, fallback) {
  const value = await resolveVariable(`param:${name}, null`);
  return value == null || value === '' ? fallback : value;
}

/** A param the stack cannot do without: fails the package with a message saying how to set it. */
async function requiredParam(resolveVariable, name) {
  const value = await optionalParam(resolveVariable, name, undefined);
  if (value !== undefined) return value;
  const error = new Error(
    `Missing param "${name}": set it under params in serverless.yml or pass --param="${name}=..."`,
  );
  error.stack = error.message; // osls prints the stack; a trace into this file would only hide the message
  throw error;
}

/** The function's events: its HTTP routes and, for scheduled functions, a schedule (param `<name>Schedule`). */
async function events(fn, ctx, resolveVariable) {
  const list = ctx.ROUTES.filter((r) => r.function === fn.name).map((r) => ({
    httpApi: { method: r.method, path: r.path },
  }));
  if (fn.schedule) {
    const rate = await optionalParam(resolveVariable, `${fn.name}Schedule`, fn.schedule);
    list.push({ schedule: { rate: [rate], enabled: true } });
  }
  if (fn.onTableChange) {
    list.push({
      stream: {
        type: 'dynamodb',
        arn: { 'Fn::GetAtt': [TABLE_ID, 'StreamArn'] },
        batchSize: 100,
        // Many edits in a minute make one run.
        batchWindow: 60,
        maximumRetryAttempts: 2,
        filterPatterns: fn.onTableChange.map((prefix) => ({
          dynamodb: { Keys: { sk: { S: [{ prefix }] } } },
        })),
      },
    });
  }
  return list;
}

async function environment(fn, ctx, resolveVariable) {
  const env = { TABLE_NAME: ctx.tableName(ctx.stage), STAGE: ctx.stage };
  // `cocreate deploy` passes the checked round file here; without it the functions use the sample round.
  if (process.env.COCREATE_ROUND_CONFIG) env.COCREATE_ROUND_CONFIG = process.env.COCREATE_ROUND_CONFIG;
  if (fn.signingSecret) env.SIGNING_SECRET_PARAMETERS = signingSecretParameters(ctx.stage).join(',');
  if (fn.signingSecret) {
    // Until when v1 signatures (no method and path) are still accepted; the code has a default.
    const v1Until = await optionalParam(resolveVariable, 'signatureV1Until', '');
    if (v1Until) env.SIGNATURE_V1_UNTIL = String(v1Until);
  }
  if (fn.googleCredentials) {
    env.GOOGLE_CREDENTIALS_PARAMETER = googleCredentialsParameter(ctx.stage);
    env.REVIEW_SPREADSHEET_ID = await optionalParam(resolveVariable, 'reviewSpreadsheetId', '');
    env.FORM_ID = await optionalParam(resolveVariable, 'formId', '');
  }
  if (fn.ses) {
    env.DIGEST_FROM = await requiredParam(resolveVariable, 'digestFrom');
    env.DIGEST_TO = await requiredParam(resolveVariable, 'digestTo');
  }
  if (fn.site) env.SITE_BUCKET = { Ref: SITE_BUCKET_ID };
  if (fn.siteUrl)
    env.PUBLIC_SITE_URL = siteUrl(await optionalParam(resolveVariable, 'publicSiteUrl', undefined));
  return env;
}

/** serverless.yml `functions`: one entry per FUNCTIONS item, packaged from its prebuilt bundle in dist/. */
async function functions({ resolveVariable }) {
  const ctx = await context(resolveVariable);
  const result = {};
  for (const fn of ctx.FUNCTIONS) {
    const bundleDir = `dist/lambdas/${fn.name}`;
    result[fn.name] = {
      handler: `${bundleDir}/index.handler`,
      description: fn.description,
      memorySize: fn.memoryMb,
      timeout: fn.timeoutSeconds,
      role: roleId(fn.name),
      package: { patterns: ['!**', `${bundleDir}/**`] },
      environment: await environment(fn, ctx, resolveVariable),
      events: await events(fn, ctx, resolveVariable),
    };
    if (fn.schedule) {
      // A failed scheduled run is retried twice by Lambda, then parked in the queue for a human to look at.
      result[fn.name].maximumRetryAttempts = 2;
      result[fn.name].destinations = {
        onFailure: { type: 'sqs', arn: { 'Fn::GetAtt': [failureQueueId(fn.name), 'Arn'] } },
      };
    }
  }
  return result;
}

/** The IAM policy statements of one function: only what its FunctionDefinition asks for. */
async function statements(fn, ctx, resolveVariable) {
  const logGroup = `/aws/lambda/${ctx.service}-${ctx.stage}-${fn.name}`;
  const list = [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: arn(`logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${logGroup}:*`),
    },
  ];
  if (fn.dynamodb.length > 0) {
    const resources = [tableArn];
    if (fn.indexes) resources.push({ 'Fn::Join': ['', [tableArn, '/index/*']] });
    list.push({ Effect: 'Allow', Action: [...fn.dynamodb], Resource: resources });
  }
  if (fn.ses) {
    const from = await requiredParam(resolveVariable, 'digestFrom');
    // The verified SES identity: the sender's domain unless a separate identity is configured.
    const identity = await optionalParam(resolveVariable, 'sesIdentity', from.split('@').pop());
    // In the SES sandbox every recipient is a verified identity too, and SES authorises the send against
    // those identities as well (docs.aws.amazon.com/ses/latest/dg/control-user-access.html): without them
    // the first digest fails with AccessDenied. The From condition still holds for every one of them.
    const recipients = String(await requiredParam(resolveVariable, 'digestTo'))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .flatMap((address) => [address, address.split('@').pop()]);
    list.push({
      Effect: 'Allow',
      Action: ['ses:SendEmail'],
      Resource: [...new Set([identity, ...recipients])].map((name) =>
        arn(`ses:\${AWS::Region}:\${AWS::AccountId}:identity/${name}`),
      ),
      Condition: { StringEquals: { 'ses:FromAddress': from } },
    });
  }
  const secrets = secretParameters(fn, ctx.stage);
  if (secrets.length) {
    list.push(
      {
        Effect: 'Allow',
        Action: ['ssm:GetParameters'],
        Resource: secrets.map((name) => arn(`ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${name}`)),
      },
      {
        // SecureString parameters are decrypted by SSM on the function's behalf, and only that way.
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: arn(`kms:\${AWS::Region}:\${AWS::AccountId}:key/*`),
        Condition: { StringEquals: { 'kms:ViaService': sub(`ssm.\${AWS::Region}.amazonaws.com`) } },
      },
    );
  }
  if (fn.onTableChange) {
    // The table's change stream (keys only), read by the event source mapping as this function.
    list.push({
      Effect: 'Allow',
      Action: [
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:ListStreams',
      ],
      Resource: { 'Fn::Join': ['', [tableArn, '/stream/*']] },
    });
  }
  if (fn.site) {
    const bucketArn = { 'Fn::GetAtt': [SITE_BUCKET_ID, 'Arn'] };
    list.push(
      // Objects of the site bucket only; nothing else in S3, and no delete.
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: { 'Fn::Join': ['', [bucketArn, '/*']] } },
      // The manifest of what was published (to skip unchanged files), and no other object.
      {
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: { 'Fn::Join': ['', [bucketArn, '/.publish-manifest.json']] },
      },
    );
  }
  if (fn.schedule) {
    list.push({
      Effect: 'Allow',
      Action: ['sqs:SendMessage'],
      Resource: { 'Fn::GetAtt': [failureQueueId(fn.name), 'Arn'] },
    });
  }
  return list;
}

function table(ctx) {
  return {
    Type: 'AWS::DynamoDB::Table',
    // Proposals are the product's record of the round: never dropped by a stack change.
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      TableName: ctx.tableName(ctx.stage),
      ...ctx.tableSchema(),
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: ctx.TABLE.ttlAttribute, Enabled: true },
      // Keys only: what changed, for the functions that run on a change (publish); never the data.
      ...(ctx.FUNCTIONS.some((fn) => fn.onTableChange)
        ? { StreamSpecification: { StreamViewType: 'KEYS_ONLY' } }
        : {}),
    },
  };
}

/**
 * The public site: a private, encrypted bucket that only CloudFront reads (origin access control, the
 * bucket policy names this distribution), served over HTTPS with index.html at the root. No public bucket,
 * no static-website endpoint (that one has no HTTPS). docs.aws.amazon.com/AmazonCloudFront/latest/
 * DeveloperGuide/private-content-restricting-access-to-s3.html
 */
function siteResources(ctx) {
  const distributionArn = sub(
    `arn:\${AWS::Partition}:cloudfront::\${AWS::AccountId}:distribution/\${${SITE_DISTRIBUTION_ID}}`,
  );
  return {
    [SITE_BUCKET_ID]: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      },
    },
    SiteOriginAccessControl: {
      Type: 'AWS::CloudFront::OriginAccessControl',
      Properties: {
        OriginAccessControlConfig: {
          Name: `${ctx.service}-${ctx.stage}-site`,
          OriginAccessControlOriginType: 's3',
          SigningBehavior: 'always',
          SigningProtocol: 'sigv4',
        },
      },
    },
    [SITE_DISTRIBUTION_ID]: {
      Type: 'AWS::CloudFront::Distribution',
      Properties: {
        DistributionConfig: {
          Enabled: true,
          Comment: `${ctx.service}-${ctx.stage} public repository site`,
          DefaultRootObject: 'index.html',
          HttpVersion: 'http2',
          PriceClass: 'PriceClass_200',
          Origins: [
            {
              Id: 'site',
              DomainName: { 'Fn::GetAtt': [SITE_BUCKET_ID, 'RegionalDomainName'] },
              S3OriginConfig: { OriginAccessIdentity: '' },
              OriginAccessControlId: { 'Fn::GetAtt': ['SiteOriginAccessControl', 'Id'] },
            },
          ],
          DefaultCacheBehavior: {
            TargetOriginId: 'site',
            ViewerProtocolPolicy: 'redirect-to-https',
            AllowedMethods: ['GET', 'HEAD'],
            Compress: true,
            // The managed CachingOptimized policy; objects carry max-age=300, so a change shows within minutes.
            CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
          },
        },
      },
    },
    SiteBucketPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: SITE_BUCKET_ID },
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'CloudFrontReadsTheSite',
              Effect: 'Allow',
              Principal: { Service: 'cloudfront.amazonaws.com' },
              Action: 's3:GetObject',
              Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [SITE_BUCKET_ID, 'Arn'] }, '/*']] },
              Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
            },
          ],
        },
      },
    },
  };
}

/** serverless.yml `resources`: the table, one IAM role per function, failure queues, alarms, API throttling. */
async function resources({ resolveVariable }) {
  const ctx = await context(resolveVariable);
  const alarmTopicArn = await optionalParam(resolveVariable, 'alarmTopicArn', undefined);
  const Resources = { [TABLE_ID]: table(ctx) };
  if (ctx.FUNCTIONS.some((fn) => fn.site)) Object.assign(Resources, siteResources(ctx));
  for (const fn of ctx.FUNCTIONS) {
    Resources[roleId(fn.name)] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        Description: `${ctx.service}-${ctx.stage}-${fn.name}: least privilege for "${fn.description}"`,
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
          ],
        },
        Policies: [
          {
            PolicyName: `${ctx.service}-${ctx.stage}-${fn.name}`,
            PolicyDocument: { Version: '2012-10-17', Statement: await statements(fn, ctx, resolveVariable) },
          },
        ],
      },
    };
    if (fn.schedule) {
      Resources[failureQueueId(fn.name)] = {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: `${ctx.service}-${ctx.stage}-${fn.name}-failures`,
          SqsManagedSseEnabled: true,
          MessageRetentionPeriod: 14 * 24 * 3600,
        },
      };
    }
  }

  Object.assign(Resources, alerting(ctx, ctx.FUNCTIONS, alarmTopicArn));

  const burst = Number(await optionalParam(resolveVariable, 'apiThrottleBurst', 20));
  const rate = Number(await optionalParam(resolveVariable, 'apiThrottleRate', 10));
  // Public (anonymous) routes get their own, lower limits, so polling the export cannot use up the
  // capacity the signed routes (Apps Script's submissions and review edits) need.
  const publicBurst = Number(await optionalParam(resolveVariable, 'apiPublicThrottleBurst', 10));
  const publicRate = Number(await optionalParam(resolveVariable, 'apiPublicThrottleRate', 5));
  const RouteSettings = Object.fromEntries(
    ctx.ROUTES.filter((r) => r.auth === 'public').map((r) => [
      `${r.method} ${r.path}`,
      { ThrottlingBurstLimit: publicBurst, ThrottlingRateLimit: publicRate },
    ]),
  );
  return {
    Resources,
    Outputs: {
      ProposalsTableName: { Value: { Ref: TABLE_ID } },
      ...(Resources[SITE_BUCKET_ID]
        ? {
            SiteBucketName: { Value: { Ref: SITE_BUCKET_ID } },
            PublicSiteUrl: {
              Value: siteUrl(await optionalParam(resolveVariable, 'publicSiteUrl', undefined)),
            },
          }
        : {}),
    },
    // osls has no throttling setting for the HTTP API: extend the stage it generates. This replaces the
    // whole DefaultRouteSettings, so provider.httpApi.metrics would be ignored: set it here instead.
    extensions: {
      HttpApiStage: {
        Properties: {
          DefaultRouteSettings: {
            DetailedMetricsEnabled: false,
            ThrottlingBurstLimit: burst,
            ThrottlingRateLimit: rate,
          },
          RouteSettings,
        },
      },
    },
  };
}

/** serverless.yml `provider.logs.httpApi.format`: the access-log line the 5xx filter reads (alarms.js). */
const accessLogFormat = () => ACCESS_LOG_FORMAT;

module.exports = { accessLogFormat, functions, resources };
