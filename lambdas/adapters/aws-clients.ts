// AWS SDK clients built from config (never at module scope), pointed at local servers when configured.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LambdaConfig } from '../config';
import { type AwsEndpointOptions, credentialsFromEnv } from './aws-signed-request';

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** maxAttempts: the SDK retries throttling and network errors with backoff (8 by default here). */
export function makeDocumentClient(
  config: Pick<LambdaConfig, 'dynamodbEndpoint'> & { maxAttempts?: number },
): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    maxAttempts: config.maxAttempts ?? 8,
    ...(config.dynamodbEndpoint
      ? {
          endpoint: config.dynamodbEndpoint,
          region: process.env.AWS_REGION ?? 'local',
          credentials: LOCAL_CREDENTIALS,
        }
      : {}),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** SES in the function's region, or the local SES sink when configured. */
export function sesOptions(config: Pick<LambdaConfig, 'sesEndpoint'>): AwsEndpointOptions {
  return {
    region: process.env.AWS_REGION ?? 'ap-southeast-3',
    credentials: () => (config.sesEndpoint ? LOCAL_CREDENTIALS : credentialsFromEnv()),
    ...(config.sesEndpoint ? { endpoint: config.sesEndpoint } : {}),
  };
}

/** SSM in the function's region with the execution role's credentials (from the environment). */
export function ssmOptions(): AwsEndpointOptions {
  return { region: process.env.AWS_REGION ?? 'ap-southeast-3', credentials: () => credentialsFromEnv() };
}

/** S3 in the function's region (path-style requests), or an S3-compatible endpoint in tests. */
export function s3Options(config: Pick<LambdaConfig, 's3Endpoint'>): AwsEndpointOptions {
  const region = process.env.AWS_REGION ?? 'ap-southeast-3';
  return {
    region,
    credentials: () => (config.s3Endpoint ? LOCAL_CREDENTIALS : credentialsFromEnv()),
    endpoint: config.s3Endpoint ?? `https://s3.${region}.amazonaws.com/`,
  };
}
