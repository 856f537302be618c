// The confirmation email to the submitter (received, complete or what to fix, the edit link), bilingual and
// escaped; when it would eat into the daily mail reserve it waits as `mail:<responseId>` for retryOutbox.

import type { Issue } from '../../../shared/ingest/validation';
import { escapeHtml } from '../../../shared/platform/html';
import type { Text } from '../../../shared/platform/i18n';
import { utf8Length } from '../../../shared/platform/utf8';
import { MAX_VALUE_BYTES } from '../outbox/property-queue';
import type { Log, MailMessage, MailPort, PropertyStore } from '../ports';

export const MAIL_PREFIX = 'mail:';
/** Enough to say what to fix without passing the 9 KB a property value may hold. */
export const MAX_LISTED_ISSUES = 25;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;

/** What the email says, small enough to wait in one property. */
export interface ConfirmationJob {
  v: 1;
  responseId: string;
  to: string;
  title: string;
  issues: Text[];
  /** More issues than listed. */
  moreIssues: number;
  editUrl?: string;
  /** The API had not answered: the check was made locally and the proposal waits in the outbox. */
  queued: boolean;
}

export function confirmationJob(args: {
  responseId: string;
  to: string;
  title: string;
  issues: readonly Issue[];
  editUrl?: string;
  queued: boolean;
}): ConfirmationJob {
  return {
    v: 1,
    responseId: args.responseId,
    to: args.to.trim(),
    title: args.title.replace(/\s+/g, ' ').trim().slice(0, 200),
    issues: args.issues.slice(0, MAX_LISTED_ISSUES).map((i) => i.message),
    moreIssues: Math.max(0, args.issues.length - MAX_LISTED_ISSUES),
    ...(args.editUrl && /^https:\/\/\S+$/.test(args.editUrl) ? { editUrl: args.editUrl } : {}),
    queued: args.queued,
  };
}

interface Part {
  lang: 'id' | 'en';
  /** Received, then complete or needs fixes. */
  intro: string[];
  /** The issues, when there are any. */
  list: string[];
  outro: string[];
  linkLabel: string;
}

function part(job: ConfirmationJob, lang: 'id' | 'en'): Part {
  const id = lang === 'id';
  const quoted = job.title ? ` “${job.title}”` : '';
  const n = job.issues.length + job.moreIssues;
  const intro = [
    id
      ? `Terima kasih. Usulan Anda${quoted} telah diterima.`
      : `Thank you. Your proposal${quoted} was received.`,
    n === 0
      ? id
        ? 'Usulan Anda lengkap dan akan ditinjau oleh kelompok kerja.'
        : 'Your proposal is complete and will be reviewed by the working group.'
      : id
        ? `Usulan Anda perlu perbaikan (${n}) sebelum dapat ditinjau:`
        : `Your proposal needs fixes (${n}) before it can be reviewed:`,
  ];
  const list = job.issues.map((t) => t[lang]);
  if (job.moreIssues) list.push(id ? `… dan ${job.moreIssues} lainnya` : `… and ${job.moreIssues} more`);
  const outro = job.queued
    ? [
        id
          ? 'Catatan: server sedang tidak terjangkau. Usulan Anda tersimpan dan akan dikirim otomatis; pemeriksaan di atas dibuat oleh formulir.'
          : 'Note: the server is unreachable right now. Your proposal is kept and will be sent automatically; the check above was made by the form.',
      ]
    : [];
  return { lang, intro, list, outro, linkLabel: id ? 'Ubah jawaban Anda:' : 'Edit your response:' };
}

/** The bilingual email of a job: plain text and HTML, user text escaped in the HTML. */
export function renderConfirmation(job: ConfirmationJob): MailMessage {
  const subject = job.title
    ? `Usulan diterima: ${job.title} / Proposal received: ${job.title}`
    : 'Usulan diterima / Proposal received';
  const parts = [part(job, 'id'), part(job, 'en')];
  const link = job.editUrl;
  const text = (p: Part) =>
    [
      ...p.intro,
      ...p.list.map((l) => `- ${l}`),
      ...p.outro,
      ...(link ? [`${p.linkLabel} ${link}`] : []),
    ].join('\n');
  const html = (p: Part) =>
    [
      `<div lang="${p.lang}">`,
      ...p.intro.map((t) => `<p>${escapeHtml(t)}</p>`),
      ...(p.list.length ? [`<ul>${p.list.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`] : []),
      ...p.outro.map((t) => `<p>${escapeHtml(t)}</p>`),
      ...(link
        ? [`<p>${escapeHtml(p.linkLabel)} <a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`]
        : []),
      '</div>',
    ].join('\n');
  return {
    to: job.to,
    subject,
    body: parts.map(text).join('\n\n---\n\n'),
    htmlBody: parts.map(html).join('\n<hr>\n'),
  };
}

export interface MailDeps {
  mail: MailPort;
  props: PropertyStore;
  log: Log;
}

export type MailOutcome = 'sent' | 'deferred' | 'skipped' | 'failed';

/** Sends now when the quota allows it without touching the reserve; otherwise keeps it for later. */
export function sendConfirmation(deps: MailDeps, job: ConfirmationJob, reserve: number): MailOutcome {
  if (!EMAIL.test(job.to)) {
    deps.log.info(`confirmation: ${job.responseId} has no usable email address; not sent`);
    return 'skipped';
  }
  if (deps.mail.remainingDailyQuota() - 1 < reserve) return defer(deps, job);
  try {
    deps.mail.send(renderConfirmation(job));
    return 'sent';
  } catch (e) {
    deps.log.warn(`confirmation: ${job.responseId} not sent; kept for later`, { error: String(e) });
    return defer(deps, job);
  }
}

function defer(deps: MailDeps, job: ConfirmationJob): MailOutcome {
  let stored = JSON.stringify(job);
  // Never more than a property holds: drop the list (the count stays) rather than the email.
  if (utf8Length(stored) > MAX_VALUE_BYTES)
    stored = JSON.stringify({ ...job, issues: [], moreIssues: job.issues.length + job.moreIssues });
  try {
    deps.props.set(`${MAIL_PREFIX}${job.responseId}`, stored);
    return 'deferred';
  } catch (e) {
    deps.log.error(`confirmation: ${job.responseId} could not be kept for later`, { error: String(e) });
    return 'failed';
  }
}

/** Sends the emails that waited while the quota allows (stopping at the first failure); returns how many. */
export function sendDeferredConfirmations(deps: MailDeps, reserve: number): number {
  let sent = 0;
  for (const key of deps.props.keys().sort()) {
    if (!key.startsWith(MAIL_PREFIX)) continue;
    if (deps.mail.remainingDailyQuota() - 1 < reserve) break;
    let job: ConfirmationJob;
    try {
      job = JSON.parse(deps.props.get(key) ?? '') as ConfirmationJob;
    } catch {
      deps.props.delete(key);
      continue;
    }
    try {
      deps.mail.send(renderConfirmation(job));
      deps.props.delete(key);
      sent++;
    } catch (e) {
      deps.log.warn(`confirmation: ${job.responseId} still not sent`, { error: String(e) });
      break;
    }
  }
  return sent;
}
