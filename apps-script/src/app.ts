// Composition root: the real dependencies, built from the Apps Script services on each execution.
import { utilitiesHmac, utilitiesUuid } from './adapters/crypto';
import { formApp, formDialogOrLog, formMenu } from './adapters/form';
import { urlFetchClient } from './adapters/http';
import { scriptLock } from './adapters/lock';
import { consoleLog } from './adapters/log';
import { mailApp } from './adapters/mail';
import { scriptProperties } from './adapters/properties';
import { scriptContext } from './adapters/script-context';
import { sessionUsers } from './adapters/session';
import { spreadsheetApp } from './adapters/spreadsheet';
import { scriptAppTriggers } from './adapters/triggers';
import type { DigestDeps } from './digest-now';
import type { SubmitDeps } from './ingest/ingest';
import type { RetryDeps } from './outbox/retry';
import type { MenuPort } from './ports';
import type { ActionPlanDocDeps } from './publishing/action-plan-doc';
import { documentApp } from './publishing/document-app';
import type { ReviewEditDeps } from './review/review-edit';
import type { SetupDeps } from './setup';

const now = () => new Date();

/** What every entry point needs: properties, signed HTTP, clock and log. */
function baseDeps() {
  return {
    props: scriptProperties(),
    http: urlFetchClient(),
    hmac: utilitiesHmac,
    newId: utilitiesUuid,
    now,
    log: consoleLog,
  };
}

export function submitDeps(): SubmitDeps {
  return {
    ...baseDeps(),
    sheets: spreadsheetApp(),
    lock: scriptLock(),
    mail: mailApp(),
  };
}

export function retryDeps(): RetryDeps {
  return submitDeps();
}

export function reviewEditDeps(): ReviewEditDeps {
  return { ...submitDeps(), users: sessionUsers() };
}

export function digestDeps(): DigestDeps {
  return { ...baseDeps(), notice: formDialogOrLog() };
}

export function actionPlanDocDeps(): ActionPlanDocDeps {
  return {
    props: scriptProperties(),
    http: urlFetchClient(),
    now,
    log: consoleLog,
    notice: formDialogOrLog(),
    context: scriptContext(),
    docs: documentApp(),
  };
}

export function setupDeps(): SetupDeps {
  return {
    props: scriptProperties(),
    triggers: scriptAppTriggers(),
    forms: formApp(),
    sheets: spreadsheetApp(),
    lock: scriptLock(),
    log: consoleLog,
    context: scriptContext(),
  };
}

export function menu(): MenuPort {
  return formMenu();
}
