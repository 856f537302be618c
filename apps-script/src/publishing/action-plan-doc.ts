// buildActionPlanDoc (menu item): the action plan draft as a Google Doc in the secretariat's Drive. The
// blocks come from the API (GET /v1/export/action-plan.json, page by page: public data only, the same
// blocks as the .docx and the site), are appended in batches, and progress (the page's cursor and the
// next block of that page) is kept in Script Properties: a run stops well inside Apps Script's 6-minute
// limit and the next run (the same menu item) carries on at that block in the same document. The
// `documents` scope is asked for here, when the draft is made, not by setup.
import { ROUTES } from '../../../shared/definitions/routes';
import { bilingual, type Text } from '../../../shared/platform/i18n';
import type { DocBlock } from '../../../shared/publishing/action-plan';
import { readScriptConfig } from '../config';
import { truncate } from '../outbox/delivery';
import type {
  Clock,
  DocumentsPort,
  DocumentWriter,
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
  /** Blocks in the document so far. */
  written?: number;
  /** Every block of the plan, once done. */
  total?: number;
}

/**
 * Where the draft stands: the page being written (its cursor, null for the first page) and the next
 * block of that page, so a run cut by the time limit carries on at the same block of the same page.
 */
interface Progress {
  v: 2;
  docId: string;
  url: string;
  /** The plan version being written: a newer plan starts a new document. */
  generatedAt: string;
  cursor: string | null;
  next: number;
  /** Blocks written so far, over every page. */
  written: number;
}

interface PlanPage {
  title: string;
  generatedAt: string;
  blocks: DocBlock[];
  /** Absent from a server older than paging: the whole plan in one answer. */
  page?: { next: string | null };
}

function readPlan(body: string): PlanPage | null {
  try {
    const p = JSON.parse(body) as Partial<PlanPage>;
    if (typeof p.title !== 'string' || typeof p.generatedAt !== 'string' || !Array.isArray(p.blocks))
      return null;
    if (p.page !== undefined && typeof p.page?.next !== 'string' && p.page?.next !== null) return null;
    return p as PlanPage;
  } catch {
    return null;
  }
}

function readProgress(props: PropertyStore): Progress | null {
  try {
    const p = JSON.parse(props.get(ACTION_PLAN_PROGRESS) ?? '') as
      | Progress
      | { v: 1; docId: string; url: string; generatedAt: string; next: number };
    if (p?.v === 2) return p;
    // A draft begun by the bundle before paging: its index is into the first page's blocks (the first
    // page starts the same way the one answer did).
    if (p?.v === 1) return { ...p, v: 2, cursor: null, written: p.next };
    return null;
  } catch {
    return null;
  }
}

/** A page of the plan, or why not; a 400 on a cursor means the plan no longer holds it (start again). */
function fetchPage(
  deps: ActionPlanDocDeps,
  apiUrl: string,
  cursor: string | null,
): PlanPage | { stale: true } | { error: string } {
  try {
    const query = cursor === null ? '' : `?cursor=${encodeURIComponent(cursor)}`;
    const res = deps.http.fetch({ url: `${apiUrl}${ACTION_PLAN_PATH}${query}`, method: 'get', headers: {} });
    if (res.status === 400 && cursor !== null) return { stale: true };
    if (res.status !== 200) return { error: `HTTP ${res.status}` };
    return readPlan(res.body) ?? { error: 'not an action plan' };
  } catch (e) {
    return { error: String(e) };
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
  const apiUrl = config.config.apiUrl;
  const unreadable = (error: string) =>
    finish(deps, {
      ok: false,
      done: false,
      text: {
        id: `Rencana aksi tidak dapat dibaca dari server (${truncate(error, 200)}); coba lagi nanti`,
        en: `The action plan could not be read from the server (${truncate(error, 200)}); try again later`,
      },
    });

  let progress = readProgress(deps.props);
  let page = fetchPage(deps, apiUrl, progress?.cursor ?? null);
  if ('error' in page) return unreadable(page.error);
  // Carry on only in the same plan, at a block the page holds, in a document that is still there.
  let doc: DocumentWriter | null =
    progress &&
    !('stale' in page) &&
    page.generatedAt === progress.generatedAt &&
    progress.next <= page.blocks.length
      ? deps.docs.open(progress.docId)
      : null;
  if (!doc || !progress) {
    // A new draft, a newer plan or a document gone: a new document from the first page.
    if ('stale' in page || (progress && progress.cursor !== null)) page = fetchPage(deps, apiUrl, null);
    if ('error' in page) return unreadable(page.error);
  }
  // Only a cursor can be stale, and a stale page is never carried on from.
  if ('stale' in page) return unreadable('HTTP 400');
  if (!doc || !progress) {
    doc = deps.docs.create(`Draf rencana aksi / Action plan draft — ${page.title}`);
    progress = {
      v: 2,
      docId: doc.id,
      url: doc.url,
      generatedAt: page.generatedAt,
      cursor: null,
      next: 0,
      written: 0,
    };
    deps.props.set(ACTION_PLAN_PROGRESS, JSON.stringify(progress));
  }
  const save = (p: Progress) => deps.props.set(ACTION_PLAN_PROGRESS, JSON.stringify(p));
  let current: PlanPage = page;
  let at: Progress = progress;
  const writer = doc;
  const outOfTime = () => deps.now().getTime() - started > ACTION_PLAN_BUDGET_MS;
  for (;;) {
    while (at.next < current.blocks.length) {
      if (outOfTime()) return partly(deps, writer, at);
      const batch = current.blocks.slice(at.next, at.next + ACTION_PLAN_BATCH);
      writer.append(batch);
      at = { ...at, next: at.next + batch.length, written: at.written + batch.length };
      save(at);
    }
    const next = current.page?.next ?? null;
    if (next === null) break;
    // The page is written: progress moves to the next page before it is read, so a run cut here
    // starts there.
    at = { ...at, cursor: next, next: 0 };
    save(at);
    if (outOfTime()) return partly(deps, writer, at);
    const fetched = fetchPage(deps, apiUrl, next);
    if ('error' in fetched) {
      writer.saveAndClose();
      return unreadable(fetched.error);
    }
    if ('stale' in fetched || fetched.generatedAt !== at.generatedAt) {
      // The plan changed while it was being written: this document mixes versions; the next run starts
      // a new one from the first page.
      writer.saveAndClose();
      deps.props.delete(ACTION_PLAN_PROGRESS);
      return finish(deps, {
        ok: true,
        done: false,
        url: at.url,
        written: at.written,
        text: {
          id: `Rencana aksi berubah selama draf ditulis; pilih menu ini lagi untuk membuat draf baru dari versi terbaru`,
          en: `The action plan changed while the draft was written; choose this menu item again to make a new draft of the latest version`,
        },
      });
    }
    current = fetched;
  }
  writer.saveAndClose();
  deps.props.delete(ACTION_PLAN_PROGRESS);
  return finish(deps, {
    ok: true,
    done: true,
    url: at.url,
    written: at.written,
    total: at.written,
    text: {
      id: `Draf rencana aksi dibuat di Google Drive Anda: ${at.url}`,
      en: `The action plan draft is in your Google Drive: ${at.url}`,
    },
  });
}

function partly(deps: ActionPlanDocDeps, doc: DocumentWriter, at: Progress): ActionPlanDocResult {
  doc.saveAndClose();
  return finish(deps, {
    ok: true,
    done: false,
    url: at.url,
    written: at.written,
    text: {
      id: `Draf sebagian (${at.written} bagian): pilih menu ini lagi untuk melanjutkan di dokumen yang sama: ${at.url}`,
      en: `Draft in part (${at.written} blocks): choose this menu item again to carry on in the same document: ${at.url}`,
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
