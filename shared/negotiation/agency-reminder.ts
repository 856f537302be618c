// The reminder email to an agency's focal points: the commitments still waiting for the agency's
// position, each with its pre-filled response-form link. One email per agency per period (the caller
// claims it like a digest). Only the agency's own commitments; no other agency's focal points, no notes.

import type { RoundConfig } from '../definitions/round';
import { escapeHtml as e } from '../platform/html';
import type { Lang } from '../platform/i18n';
import { type FocalPoint, focalPointsOf } from './focal-point';
import { fillFormLink } from './google/form-link';
import { AGENCY_ROLE_LABELS, type AgencyRole, agencyKey, type NegotiationState } from './negotiation';
import { pendingSince } from './negotiation-digest';

export interface ReminderItem {
  commitmentId: string;
  title: string;
  role: AgencyRole;
  waitingSince: string;
  /** The pre-filled agency-response form link, when the form's link template is configured. */
  link?: string;
}

export interface AgencyReminder {
  agency: string;
  /** `agency:<normalised name>`: the audience key the send is claimed under. */
  key: string;
  to: string[];
  items: ReminderItem[];
}

/** One reminder per agency that is pending on an open negotiation and has focal points. */
export function agencyReminders(
  negotiations: readonly NegotiationState[],
  focalPoints: readonly FocalPoint[],
  opts: { formLinkTemplate?: string } = {},
): AgencyReminder[] {
  const byAgency = new Map<string, AgencyReminder>();
  for (const n of negotiations) {
    if (n.status !== 'not_started' && n.status !== 'in_discussion') continue;
    for (const a of n.agencies) {
      if (a.position !== 'pending') continue;
      const key = agencyKey(a.agency);
      let r = byAgency.get(key);
      if (!r) {
        const to = [...new Set(focalPointsOf(focalPoints, a.agency).map((f) => f.email))];
        r = { agency: a.agency, key: `agency:${key}`, to, items: [] };
        byAgency.set(key, r);
      }
      r.items.push({
        commitmentId: n.commitmentId,
        title: n.title,
        role: a.role,
        waitingSince: pendingSince(n, a.agency),
        ...(opts.formLinkTemplate
          ? { link: fillFormLink(opts.formLinkTemplate, n.commitmentId, a.agency) }
          : {}),
      });
    }
  }
  return [...byAgency.values()].filter((r) => r.to.length > 0);
}

/** Subject, HTML and text of one reminder. The HTML escapes every value. */
export function renderReminder(
  r: AgencyReminder,
  round: Pick<RoundConfig, 'name'>,
  lang: Lang,
): { subject: string; html: string; text: string } {
  const t = {
    subject: {
      id: `Menunggu posisi ${r.agency}: ${r.items.length} komitmen — ${round.name.id}`,
      en: `Waiting for ${r.agency}'s position: ${r.items.length} commitment${r.items.length === 1 ? '' : 's'} — ${round.name.en}`,
    },
    intro: {
      id: `Yth. narahubung ${r.agency}, sekretariat masih menunggu posisi instansi Anda atas komitmen berikut. Mohon isi formulir tanggapan untuk masing-masing (tautannya sudah terisi komitmen dan instansi).`,
      en: `Dear focal point of ${r.agency}, the secretariat is still waiting for your agency's position on the commitments below. Please answer the response form for each (the link already names the commitment and the agency).`,
    },
    role: { id: 'Peran', en: 'Role' },
    since: { id: 'menunggu sejak', en: 'waiting since' },
    form: { id: 'Isi formulir tanggapan', en: 'Answer the response form' },
    footer: {
      id: 'Email ini dikirim sekali per minggu selama ada komitmen yang menunggu posisi instansi Anda.',
      en: 'This email is sent once a week while commitments wait for your agency’s position.',
    },
  };
  const subject = t.subject[lang].replace(/[\r\n\t]+/g, ' ');
  const rows = r.items.map(
    (i) =>
      `<li style="margin:0 0 10px"><strong>${e(i.title)}</strong> <span style="color:#4b5563">(${e(i.commitmentId)})</span><br>${e(t.role[lang])}: ${e(AGENCY_ROLE_LABELS[i.role][lang])} · ${e(t.since[lang])} ${e(i.waitingSince.slice(0, 10))}${i.link ? `<br><a href="${e(i.link)}">${e(t.form[lang])}</a>` : ''}</li>`,
  );
  const html = `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1a1a1a">
<p>${e(t.intro[lang])}</p>
<ol>
${rows.join('\n')}
</ol>
<p style="font-size:12px;color:#4b5563">${e(t.footer[lang])}</p>
</body></html>
`;
  const text = [
    t.intro[lang],
    '',
    ...r.items.flatMap((i, n) => [
      `${n + 1}. ${i.title} [${i.commitmentId}] — ${t.role[lang]}: ${AGENCY_ROLE_LABELS[i.role][lang]}; ${t.since[lang]} ${i.waitingSince.slice(0, 10)}`,
      ...(i.link ? [`   ${t.form[lang]}: ${i.link}`] : []),
    ]),
    '',
    t.footer[lang],
    '',
  ].join('\n');
  return { subject, html, text };
}

export { fillFormLink };
