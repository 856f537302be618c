// The signing secret(s): SSM Parameter Store SecureStrings in AWS, a plain env value on the local stack.
import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';

export type SecretSource = () => Promise<string[]>;

/** Reads the parameters once per container for up to `ttlMs`, so a rotation is picked up within it. */
export function ssmSecrets(client: SSMClient, names: string[], ttlMs = 5 * 60_000): SecretSource {
  let cached: { at: number; values: string[] } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.values;
    const out = await client.send(new GetParametersCommand({ Names: names, WithDecryption: true }));
    const byName = new Map((out.Parameters ?? []).map((p) => [p.Name, p.Value ?? '']));
    if (!byName.get(names[0])) throw new Error(`Signing secret parameter ${names[0]} is missing`);
    cached = { at: Date.now(), values: names.map((n) => byName.get(n) ?? '').filter(Boolean) };
    return cached.values;
  };
}

export function plainSecret(value: string): SecretSource {
  return async () => [value];
}
