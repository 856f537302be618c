// buildActionPlanDoc (menu item): the action plan draft as a Google Doc in the secretariat's Drive. The
// blocks come from the API (GET /v1/export/action-plan.json: public data only, the same blocks as the
// .docx and the site), are appended in batches, and progress is kept in Script Properties: a run stops
// well inside Apps Script's 6-minute limit and the next run (the same menu item) carries on in the same
// document. The `documents` scope is asked for here, when the draft is made, not by setup.
import { ROUTES } from '../../../shared/definitions/routes';
import { bilingual, type Text } from '../../../shared/platform/i18n';
import type { DocBlock } from '../../../shared/publishing/action-plan';
import { readScriptConfig } from '../config';
import { truncate } from '../outbox/delivery';
import type {
  Clock,
  DocumentsPort,
  HttpClient,
  Log,
  NoticePort,
  PropertyStore,
  ScriptContextPort,
} from '../ports';
import { DOCUMENTS_SCOPE } from '../scopes';

export const ACTION_PLAN_PATH =
  ROUTES.find((r) => r.path.endsWith('/action-plan.json'))?.path ?? '/v1/export/action-plan.json';
export const ACTION_PLAN_PROGRESS = 'COCREATE_ACTION_PLAN_DOC';
/** Stop starting new batches after this long: the 6-minute limit leaves room for the last batch and saving. */
export const ACTION_PLAN_BUDGET_MS = 4 * 60_000;
/** Blocks per batch: progress is saved after each. */
export const ACTION_PLAN_BATCH = 20;
export const ACTION_PLAN_TITLE = 'OGP Cocreate';

export interface ActionPlanDocDeps {
  props: PropertyStore;
  http: HttpClient;
  now: Clock;
  log: Log;
  notice: NoticePort;
  context: Pick<ScriptContextPort, 'authorization'>;
  docs: DocumentsPort;
}

export interface ActionPlanDocResult {
  ok: boolean;
  /** True once every block is in the document. */
  done: boolean;
  message: string;
  url?: string;
  written?: number;
  total?: number;
}

interface Progress {
  v: 1;
  docId: string;
  url: string;
  /** The plan version being written: a newer plan starts a new document. */
  generatedAt: string;
  next: number;
  total: number;
}

interface PlanPayload {
  title: string;
  generatedAt: string;
  blocks: DocBlock[];
}

function readPlan(body: string): PlanPayload | null {
  try {
    const p = JSON.parse(body) as Partial<PlanPayload>;
    if (typeof p.title !== 'string' || typeof p.generatedAt !== 'string' || !Array.isArray(p.blocks))
      return null;
    return p as PlanPayload;
  } catch {
    return null;
  }
}

function readProgress(props: PropertyStore): Progress | null {
  try {
    const p = JSON.parse(props.get(ACTION_PLAN_PROGRESS) ?? '') as Progress;
    return p?.v === 1 ? p : null;
  } catch {
    return null;
  }
}

export function buildActionPlanDoc(deps: ActionPlanDocDeps): ActionPlanDocResult {
  const started = deps.now().getTime();
  const config = readScriptConfig(deps.props);
  if (!config.ok) {
    return finish(deps, {
      ok: false,
      done: false,
      text: {
        id: `Draf tidak dibuat; perbaiki pengaturan: ${config.problems.map((p) => p.id).join('; ')}`,
        en: `Draft not made; fix the settings: ${config.problems.map((p) => p.en).join('; ')}`,
      },
    });
  }
  const { missing, url: consentUrl } = deps.context.authorization([DOCUMENTS_SCOPE]);
  if (missing.length) {
    return finish(deps, {
      ok: false,
      done: false,
      text: {
        id: `Izinkan akses Google Dokumen untuk membuat draf${consentUrl ? `: ${consentUrl}` : ''}`,
        en: `Allow Google Docs access to make the draft${consentUrl ? `: ${consentUrl}` : ''}`,
      },
    });
  }
  let plan: PlanPayload | null = null;
  try {
    const res = deps.http.fetch({
      url: `${config.config.apiUrl}${ACTION_PLAN_PATH}`,
      method: 'get',
      headers: {},
    });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    plan = readPlan(res.body);
    if (!plan) throw new Error('not an action plan');
  } catch (e) {
    return finish(deps, {
      ok: false,
      done: false,
      text: {
        id: `Rencana aksi tidak dapat dibaca dari server (${truncate(String(e), 200)}); coba lagi nanti`,
        en: `The action plan could not be read from the server (${truncate(String(e), 200)}); try again later`,
      },
    });
  }

  const total = plan.blocks.length;
  const kept = readProgress(deps.props);
  let progress: Progress;
  let doc =
    kept && kept.generatedAt === plan.generatedAt && kept.next < total ? deps.docs.open(kept.docId) : null;
  if (doc && kept) progress = kept;
  else {
    doc = deps.docs.create(`Draf rencana aksi / Action plan draft — ${plan.title}`);
    progress = { v: 1, docId: doc.id, url: doc.url, generatedAt: plan.generatedAt, next: 0, total };
    deps.props.set(ACTION_PLAN_PROGRESS, JSON.stringify(progress));
  }
  while (progress.next < total) {
    if (deps.now().getTime() - started > ACTION_PLAN_BUDGET_MS) {
      doc.saveAndClose();
      return finish(deps, {
        ok: true,
        done: false,
        url: progress.url,
        written: progress.next,
        total,
        text: {
          id: `Draf sebagian (${progress.next}/${total} bagian): pilih menu ini lagi untuk melanjutkan di dokumen yang sama: ${progress.url}`,
          en: `Draft in part (${progress.next}/${total} blocks): choose this menu item again to carry on in the same document: ${progress.url}`,
        },
      });
    }
    const batch = plan.blocks.slice(progress.next, progress.next + ACTION_PLAN_BATCH);
    doc.append(batch);
    progress = { ...progress, next: progress.next + batch.length };
    deps.props.set(ACTION_PLAN_PROGRESS, JSON.stringify(progress));
  }
  doc.saveAndClose();
  deps.props.delete(ACTION_PLAN_PROGRESS);
  return finish(deps, {
    ok: true,
    done: true,
    url: progress.url,
    written: total,
    total,
    text: {
      id: `Draf rencana aksi dibuat di Google Drive Anda: ${progress.url}`,
      en: `The action plan draft is in your Google Drive: ${progress.url}`,
    },
  });
}

function finish(
  deps: ActionPlanDocDeps,
  r: Omit<ActionPlanDocResult, 'message'> & { text: Text },
): ActionPlanDocResult {
  const { text, ...rest } = r;
  const message = bilingual(text);
  if (r.ok) deps.log.info(`buildActionPlanDoc: ${message}`);
  else deps.log.warn(`buildActionPlanDoc: ${message}`);
  try {
    deps.notice.show(message, ACTION_PLAN_TITLE);
  } catch (e) {
    deps.log.warn('buildActionPlanDoc: could not show the notice', { error: String(e) });
  }
  return { ...rest, message };
}
