// The signing secret(s): SSM Parameter Store SecureStrings in AWS, a plain env value on the local stack.
import { getParameters, type SsmParametersOptions } from './ssm-parameters';

export type SecretSource = () => Promise<string[]>;

/** Reads the parameters once per container for up to `ttlMs`, so a rotation is picked up within it. */
export function ssmSecrets(ssm: SsmParametersOptions, names: string[], ttlMs = 5 * 60_000): SecretSource {
  let cached: { at: number; values: string[] } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.values;
    const byName = await getParameters(names, ssm);
    if (!byName.get(names[0] as string)) throw new Error(`Signing secret parameter ${names[0]} is missing`);
    cached = { at: Date.now(), values: names.map((n) => byName.get(n) ?? '').filter(Boolean) };
    return cached.values;
  };
}

export function plainSecret(value: string): SecretSource {
  return async () => [value];
}
