// Script Properties the Apps Script side reads, validated in one place with bilingual problems.

import { checkRoundConfig, DEFAULT_ROUND, type RoundConfig } from '../../shared/definitions/round';
import type { Text } from '../../shared/platform/i18n';
import type { PropertyStore } from './ports';

export const PROP = {
  apiUrl: 'COCREATE_API_URL',
  signingSecret: 'COCREATE_SIGNING_SECRET',
  formId: 'COCREATE_FORM_ID',
  roundConfig: 'COCREATE_ROUND_CONFIG',
  /** The review spreadsheet setup created (or was pointed at). */
  spreadsheetId: 'COCREATE_SPREADSHEET_ID',
  /** The secretariat-only spreadsheet the form's responses go to (personal data). */
  intakeSpreadsheetId: 'COCREATE_INTAKE_SPREADSHEET_ID',
  /** The user whose triggers are installed (triggers are per user). */
  triggerOwner: 'COCREATE_TRIGGER_OWNER',
  /** The onReviewEdit trigger setup installed and the spreadsheet it fires for (JSON, reviewEditTrigger). */
  reviewEditTrigger: 'COCREATE_REVIEW_EDIT_TRIGGER',
  /** Daily email recipients kept back for people: confirmations wait when fewer would remain. */
  mailReserve: 'COCREATE_MAIL_RESERVE',
} as const;

export const DEFAULT_MAIL_RESERVE = 10;

export const MIN_SECRET_LENGTH = 32;

export interface ScriptConfig {
  /** Base URL of the API, without a trailing slash. */
  apiUrl: string;
  signingSecret: string;
  formId?: string;
  round: RoundConfig;
  mailReserve: number;
}

export type ConfigResult = { ok: true; config: ScriptConfig } | { ok: false; problems: Text[] };

/** https anywhere; plain http only to this machine (the local stack). */
export function isAcceptableApiUrl(url: string): boolean {
  return (
    /^https:\/\/[^\s/?#]+(\/\S*)?$/i.test(url) ||
    /^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?(\/\S*)?$/i.test(url)
  );
}

/** `all`: the properties already read in one getAll, when the caller needs other ones too. */
export function readScriptConfig(props: PropertyStore, all = props.getAll()): ConfigResult {
  const problems: Text[] = [];
  // One read of every property instead of one per setting (each is a call to PropertiesService).
  const get = (key: string): string | null => all[key] ?? null;
  const apiUrl = (get(PROP.apiUrl) ?? '').trim().replace(/\/+$/, '');
  const secret = get(PROP.signingSecret) ?? '';
  const formId = (get(PROP.formId) ?? '').trim();
  if (!apiUrl) {
    problems.push({ id: `${PROP.apiUrl} belum diisi`, en: `${PROP.apiUrl} is not set` });
  } else if (!isAcceptableApiUrl(apiUrl)) {
    problems.push({
      id: `${PROP.apiUrl} harus https (http hanya untuk 127.0.0.1/localhost)`,
      en: `${PROP.apiUrl} must be https (http only for 127.0.0.1/localhost)`,
    });
  }
  if (!secret) {
    problems.push({ id: `${PROP.signingSecret} belum diisi`, en: `${PROP.signingSecret} is not set` });
  } else if (secret.length < MIN_SECRET_LENGTH) {
    problems.push({
      id: `${PROP.signingSecret} minimal ${MIN_SECRET_LENGTH} karakter`,
      en: `${PROP.signingSecret} must be at least ${MIN_SECRET_LENGTH} characters`,
    });
  }
  let round = DEFAULT_ROUND;
  const roundJson = get(PROP.roundConfig);
  if (roundJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(roundJson);
    } catch (e) {
      const why = (e as Error).message;
      problems.push({
        id: `${PROP.roundConfig} bukan JSON yang valid: ${why}`,
        en: `${PROP.roundConfig} is not valid JSON: ${why}`,
      });
    }
    if (parsed !== undefined) {
      const checked = checkRoundConfig(parsed);
      if (checked.ok) round = checked.round;
      else
        for (const p of checked.problems)
          problems.push({
            id: `${PROP.roundConfig} ${p.field}: ${p.message.id}`,
            en: `${PROP.roundConfig} ${p.field}: ${p.message.en}`,
          });
    }
  }
  const reserveText = (get(PROP.mailReserve) ?? '').trim();
  const mailReserve = reserveText ? Number(reserveText) : DEFAULT_MAIL_RESERVE;
  if (!Number.isInteger(mailReserve) || mailReserve < 0) {
    problems.push({
      id: `${PROP.mailReserve} harus bilangan bulat 0 atau lebih`,
      en: `${PROP.mailReserve} must be a whole number, 0 or more`,
    });
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    config: { apiUrl, signingSecret: secret, ...(formId ? { formId } : {}), round, mailReserve },
  };
}

/** The edit trigger setup installed: its unique id and the one spreadsheet it fires for. */
export interface ReviewEditTrigger {
  spreadsheetId: string;
  triggerId: string;
}

export function reviewEditTrigger(all: Record<string, string>): ReviewEditTrigger | null {
  try {
    const t = JSON.parse(all[PROP.reviewEditTrigger] ?? '') as Partial<ReviewEditTrigger>;
    return typeof t?.spreadsheetId === 'string' && typeof t.triggerId === 'string' && t.triggerId
      ? { spreadsheetId: t.spreadsheetId, triggerId: t.triggerId }
      : null;
  } catch {
    return null;
  }
}
