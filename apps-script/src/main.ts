// The Apps Script globals, and nothing else: every export becomes a top-level function (infra/build/build.mjs).
import { formDialogOrLog } from './adapters/form';
import { sheetEdit } from './adapters/spreadsheet';
import { actionPlanDocDeps, digestDeps, menu, retryDeps, reviewEditDeps, setupDeps, submitDeps } from './app';
import { type DigestResult, sendDigestNow as sendDigest } from './digest-now';
import { handleFormSubmit, type SubmitResult } from './ingest/ingest';
import { installMenu, MENU_TITLE } from './menu';
import { type AgencyResponseSummary, handleAgencyResponse } from './negotiation/agency-response';
import { refreshNegotiationTab } from './negotiation/negotiation-sync';
import { type RetrySummary, retryOutbox as retry, retrySummaryText } from './outbox/retry';
import type { FormSubmitEventLike } from './ports';
import { type ActionPlanDocResult, buildActionPlanDoc as buildDoc } from './publishing/action-plan-doc';
import { handleReviewEdit, type ReviewEditSummary } from './review/review-edit';
import { runSetup } from './setup';

/** Simple trigger: adds the "OGP Cocreate" menu to the form editor. */
export function onOpen(): void {
  installMenu(menu());
}

/** Installable form-submit trigger (installed by setup). */
export function onFormSubmit(e: FormSubmitEventLike): SubmitResult {
  return handleFormSubmit(submitDeps(), e);
}

/** Installable edit trigger on the review spreadsheet (installed by setup): syncs reviewer edits. */
export function onReviewEdit(e: GoogleAppsScript.Events.SheetsOnEdit): ReviewEditSummary {
  return handleReviewEdit(reviewEditDeps(), sheetEdit(e));
}

/**
 * Checks the container, consent and Script Properties, builds the form and spreadsheets and installs the
 * triggers; safe to run again. The result is shown in a dialog when run from the form's menu (the log
 * otherwise); a failure also throws, so the execution is marked failed.
 */
export function setup(): string {
  const result = runSetup(setupDeps());
  const dialog = formDialogOrLog();
  dialog.show(result.message, MENU_TITLE);
  if (!result.ok) throw new Error(result.message);
  return result.message;
}

/**
 * Sends the outbox. The time-driven trigger passes an event and only due entries are sent; run by hand
 * (menu or editor, no event) it sends every entry now.
 */
export function retryOutbox(e?: { triggerUid?: string }): RetrySummary {
  const byHand = !e?.triggerUid;
  const summary = retry(retryDeps(), { force: byHand });
  // A person clicked the menu item: tell them what happened (a trigger run has nobody to tell).
  if (byHand) formDialogOrLog().show(retrySummaryText(summary), MENU_TITLE);
  return summary;
}

/** Menu item: asks the API to send the status digest now and shows what happened. */
export function sendDigestNow(): DigestResult {
  return sendDigest(digestDeps());
}

/**
 * Menu item: the action plan draft (OGP commitment template) as a Google Doc in the user's Drive. A large
 * plan is written over several runs of this item, each well inside the 6-minute limit.
 */
export function buildActionPlanDoc(): ActionPlanDocResult {
  return buildDoc(actionPlanDocDeps());
}

/** Installable form-submit trigger on the agency-response form (installed by setup): records the answer once. */
export function onAgencyResponse(e: FormSubmitEventLike): AgencyResponseSummary {
  return handleAgencyResponse(submitDeps(), e);
}

/** Menu item (and editor): rewrites the negotiation tab from the server's state of every commitment. */
export function refreshNegotiations(): number | null {
  return refreshNegotiationTab(submitDeps());
}
