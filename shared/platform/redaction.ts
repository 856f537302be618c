// The one redaction of personal data for every outward path (open data, digest, public site): contact
// details typed into free text in any form people write them, after NFKC so full-width forms match too.

export const REDACTED = '[disembunyikan / redacted]';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Bidirectional embeddings, overrides and isolates: they make published text read differently than stored. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/g;

/** Removes lone surrogates and bidi override/isolate characters (stored and published text never holds them). */
export function stripUnsafeCharacters(text: string): string {
  return text.replace(LONE_SURROGATE, '').replace(BIDI_CONTROL, '');
}

const AT = String.raw`(?:\s*@\s*|\s*[[({<]\s*(?:at|et)\s*[\])}>]\s*)`;
const DOT = String.raw`(?:\s*\.\s*|\s*[[({<]\s*(?:dot|titik)\s*[\])}>]\s*)`;
/** Plain and obfuscated ("ani [at] lsm [dot] org", "ani(at)lsm(dot)id") email addresses. */
const EMAIL_IN_TEXT = new RegExp(
  String.raw`[^\s@<>()[\]\\,;:"'{}]+${AT}[\p{L}\p{N}_-]+(?:${DOT}[\p{L}\p{N}_-]+)*${DOT}\p{L}{2,}`,
  'giu',
);
/** A run of digits with the separators people put in numbers: spaces, dots, dashes, slashes, brackets. */
const DIGIT_RUN = /(?<![\p{L}\p{N}_+])\+?\(?\d+\)?(?:[ \t.\-/]{1,2}\(?\d+\)?)*/gu;
const AMOUNT = /^\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?$/;
const DATE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$|^\d{4}\s*[-/]\s*\d{4}$/;

/**
 * Whether a digit run is a phone number or an identity number: 12 or more digits (NIK has 16), or 8 to 15
 * digits written as a phone is (a leading +, 0, 62 or an area code in brackets). Amounts grouped in
 * thousands ("150.000.000") and dates are kept.
 */
function isPersonalNumber(run: string): boolean {
  const digits = run.replace(/\D/g, '');
  const bare = run.trim();
  if (AMOUNT.test(bare) || DATE.test(bare)) return false;
  if (digits.length >= 12) return true;
  if (digits.length < 8) return false;
  return /^(?:\+|\(|0|62)/.test(bare);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes personal data from free text: email addresses (also "[at]"/"[dot]"-obfuscated), landline,
 * mobile and international phone numbers, 16-digit national ID numbers (NIK), and the given own values
 * (a submitter's contact name, email and phone) wherever they stand as whole words, in any case. The text
 * is NFKC-normalised first (full-width digits and signs become ASCII), and lone surrogates and bidi
 * override characters are dropped. Safe to call twice.
 */
export function redactPersonalData(text: string, own: readonly (string | null | undefined)[] = []): string {
  let out = stripUnsafeCharacters(String(text ?? '')).normalize('NFKC');
  out = out.replace(EMAIL_IN_TEXT, REDACTED);
  out = out.replace(DIGIT_RUN, (run) => {
    if (!isPersonalNumber(run)) return run;
    // Keep the space a run may have swallowed at its end, so the sentence still reads.
    const tail = /\s+$/.exec(run)?.[0] ?? '';
    return `${REDACTED}${tail}`;
  });
  for (const value of own) {
    const v = stripUnsafeCharacters(String(value ?? ''))
      .normalize('NFKC')
      .trim();
    if (v.length < 3) continue;
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(v)}(?![\\p{L}\\p{N}])`, 'giu'), REDACTED);
  }
  return out;
}

/** The same redaction for a value that may be absent (null stays null). */
export function redactOptional(
  text: string | null | undefined,
  own: readonly (string | null | undefined)[] = [],
): string | null {
  return text == null ? null : redactPersonalData(text, own);
}
