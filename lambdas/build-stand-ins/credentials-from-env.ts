// Bundled in place of @aws-sdk/credential-provider-node (see infra/build/build.mjs). In Lambda the execution
// role's credentials are always in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN: docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
// so the default chain's SSO, INI, process and web-identity providers (and the STS/SSO clients they pull
// in) are dead weight in the bundle.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
