// sendDigestNow (menu item): asks the API to send the consolidated status digest now (signed POST
// /v1/digest) and tells the person who asked what happened. Nothing is queued: a person is waiting and
// can simply try again.
import { bilingual, type Lang, type Text } from '../../shared/platform/i18n';
import { readScriptConfig } from './config';
import { type DeliveryDeps, DIGEST_PATH, postSigned, truncate } from './outbox/delivery';
import type { Log, NoticePort, PropertyStore } from './ports';

export interface DigestDeps extends DeliveryDeps {
  props: PropertyStore;
  log: Log;
  notice: NoticePort;
}

export interface DigestResult {
  ok: boolean;
  /** Bilingual, as shown. */
  message: string;
  sent?: boolean;
  period?: string;
  proposals?: number;
  status?: number;
}

export const DIGEST_TITLE = 'OGP Cocreate';

export function sendDigestNow(deps: DigestDeps, lang?: Lang): DigestResult {
  const config = readScriptConfig(deps.props);
  if (!config.ok) {
    return finish(deps, {
      ok: false,
      text: {
        id: `Ringkasan tidak dikirim; perbaiki pengaturan: ${config.problems.map((p) => p.id).join('; ')}`,
        en: `Digest not sent; fix the settings: ${config.problems.map((p) => p.en).join('; ')}`,
      },
    });
  }
  const delivery = postSigned(deps, config.config, DIGEST_PATH, JSON.stringify(lang ? { lang } : {}));
  if (delivery.kind === 'retry') {
    return finish(deps, {
      ok: false,
      ...(delivery.status !== undefined ? { status: delivery.status } : {}),
      text: {
        id: `Ringkasan tidak terkirim: server tidak dapat dihubungi (${truncate(delivery.error, 200)}); coba lagi nanti`,
        en: `Digest not sent: the server could not be reached (${truncate(delivery.error, 200)}); try again later`,
      },
    });
  }
  if (delivery.kind !== 'delivered') {
    return finish(deps, {
      ok: false,
      status: delivery.status,
      text: {
        id: `Ringkasan ditolak server (HTTP ${delivery.status})`,
        en: `Digest refused by the server (HTTP ${delivery.status})`,
      },
    });
  }
  let answer: { sent?: unknown; period?: unknown; proposals?: unknown } = {};
  try {
    answer = JSON.parse(delivery.body) as typeof answer;
  } catch {
    // an unreadable 2xx still means the server took the request
  }
  const period = typeof answer.period === 'string' ? answer.period : '?';
  const proposals = typeof answer.proposals === 'number' ? answer.proposals : undefined;
  const sent = answer.sent === true;
  const count = proposals === undefined ? '' : `, ${proposals}`;
  return finish(deps, {
    ok: sent,
    sent,
    period,
    ...(proposals !== undefined ? { proposals } : {}),
    status: delivery.status,
    text: sent
      ? {
          id: `Ringkasan terkirim: periode ${period}${count} usulan`,
          en: `Digest sent: period ${period}${count} proposals`,
        }
      : {
          id: `Ringkasan tidak terkirim (periode ${period}); lihat log server`,
          en: `Digest not sent (period ${period}); see the server log`,
        },
  });
}

function finish(deps: DigestDeps, r: Omit<DigestResult, 'message'> & { text: Text }): DigestResult {
  const { text, ...rest } = r;
  const message = bilingual(text);
  if (r.ok) deps.log.info(`sendDigestNow: ${message}`);
  else deps.log.warn(`sendDigestNow: ${message}`);
  try {
    deps.notice.show(message, DIGEST_TITLE);
  } catch (e) {
    deps.log.warn('sendDigestNow: could not show the notice', { error: String(e) });
  }
  return { ...rest, message };
}
