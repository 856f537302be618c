// Typed domain errors: a stable code and a bilingual message. Only the edge maps codes to HTTP.
import type { Text } from './i18n';

export type ErrorCode =
  | 'malformed'
  | 'unauthorized'
  | 'replayed'
  | 'conflict'
  | 'too_large'
  | 'invalid_proposal'
  | 'not_found'
  | 'config';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Text,
    readonly details?: unknown,
  ) {
    super(`${text.en} (${code})`);
    this.name = 'DomainError';
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return (
    e instanceof DomainError ||
    (typeof e === 'object' && e !== null && (e as DomainError).name === 'DomainError')
  );
}
