// Bundled in place of @smithy/core/event-streams (see infra/build/build.mjs). The SDK's HTTP protocols import it
// lazily, only to (de)serialize an operation's event-stream member. DynamoDB, the one SDK client in the
// Lambdas (SSM and SES go through lambdas/adapters/aws-signed-request.ts), has no event-stream operation.
const unsupported = (): never => {
  throw new Error(
    'AWS SDK event streams are not bundled in this Lambda: no DynamoDB operation uses one (lambdas/build-stand-ins/smithy-event-streams.ts)',
  );
};

export class EventStreamSerde {
  constructor() {
    unsupported();
  }
}

export const eventStreamSerdeProvider = (): never => unsupported();
