// AWS SDK clients built from config (never at module scope), pointed at local servers when configured.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LambdaConfig } from '../config';

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

export function makeSesClient(config: Pick<LambdaConfig, 'sesEndpoint'>): SESv2Client {
  return new SESv2Client(
    config.sesEndpoint
      ? {
          endpoint: config.sesEndpoint,
          region: process.env.AWS_REGION ?? 'local',
          credentials: LOCAL_CREDENTIALS,
        }
      : {},
  );
}

export function makeSsmClient(): SSMClient {
  return new SSMClient({});
}
