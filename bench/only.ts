// Which cases `npm run bench -- --only a,b` runs: a name that is no case is refused with the valid names,
// so a typo (`coldStart` for `cold_start`) never runs nothing and exits 0.

export class UnknownCaseError extends Error {}

/** The `--only` value of argv (`--only a,b` or `--only=a,b`), or undefined when not given. */
export function onlyArgument(args: string[]): string[] | undefined {
  const at = args.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at < 0) return undefined;
  const arg = args[at] as string;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[at + 1];
  if (!value || value.startsWith('--')) throw new UnknownCaseError('--only needs case names (a,b)');
  return value.split(',').filter(Boolean);
}

/** The chosen cases in their own order; throws naming the unknown ones and every valid name. */
export function chooseCases<T>(cases: Record<string, T>, only: string[] | undefined): [string, T][] {
  const all = Object.entries(cases);
  if (!only) return all;
  const unknown = only.filter((name) => !Object.hasOwn(cases, name));
  if (unknown.length > 0 || only.length === 0)
    throw new UnknownCaseError(
      `No bench case named ${unknown.join(', ') || '(none given)'}. Valid names: ${Object.keys(cases).join(', ')}`,
    );
  return all.filter(([name]) => only.includes(name));
}
