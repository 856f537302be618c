// What the API said about a submission (POST /v1/proposals): 201/200 `{ id, result, revision, valid, issues }`
// or 422 `{ error: { details: { id, result, revision, valid: false, issues, stored: true } } }`.
// When the API did not answer, the same facts come from validating locally with the shared code.

import { formSpec } from '../../../shared/definitions/form-spec';
import type { RoundConfig } from '../../../shared/definitions/round';
import { evaluateSubmission, type SubmissionBody } from '../../../shared/ingest/ingest';
import type { Issue } from '../../../shared/ingest/validation';
import type { Text } from '../../../shared/platform/i18n';
import { irmCheck, irmCheckText } from '../../../shared/publishing/irm-check';
import type { ProposalRowUpdate } from '../review/review-rows';

export interface IngestReply {
  id?: string;
  /** create | unchanged | revise | stale */
  result?: string;
  revision?: number;
  issues?: Issue[];
}

function isIssue(x: unknown): x is Issue {
  const i = x as Issue;
  return (
    typeof i === 'object' &&
    i !== null &&
    typeof i.code === 'string' &&
    typeof i.message?.id === 'string' &&
    typeof i.message?.en === 'string'
  );
}

/** Reads the ingest answer; undefined when it is not one (a proxy's error page, say). */
export function parseIngestReply(status: number, body: string): IngestReply | undefined {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const data = (
    status === 422 ? ((json?.error as Record<string, unknown> | undefined)?.details ?? {}) : json
  ) as Record<string, unknown>;
  if (typeof data !== 'object' || data === null) return undefined;
  return {
    ...(typeof data.id === 'string' ? { id: data.id } : {}),
    ...(typeof data.result === 'string' ? { result: data.result } : {}),
    ...(typeof data.revision === 'number' ? { revision: data.revision } : {}),
    ...(Array.isArray(data.issues) ? { issues: data.issues.filter(isIssue) } : {}),
  };
}

/** How the submission fared, as the sync note says it. */
export type SubmitOutcome = 'delivered' | 'invalid' | 'queued' | 'failed';

export function ingestNote(outcome: SubmitOutcome, reply?: IngestReply, status?: number): Text {
  switch (outcome) {
    case 'delivered':
    case 'invalid':
      if (reply?.result === 'revise')
        return {
          id: `Diperbarui oleh pengusul (revisi ${reply.revision ?? '?'})`,
          en: `Updated by the submitter (revision ${reply.revision ?? '?'})`,
        };
      return { id: 'Tersimpan di server', en: 'Stored by the server' };
    case 'queued':
      return {
        id: 'Belum terkirim ke server; akan dikirim ulang otomatis',
        en: 'Not yet sent to the server; will be resent automatically',
      };
    case 'failed':
      return {
        id: `Ditolak server (HTTP ${status ?? '?'}); lihat log skrip`,
        en: `Refused by the server (HTTP ${status ?? '?'}); see the script log`,
      };
  }
}

/** The row a submission gets: the server's id and issues when it answered, local validation otherwise. */
export function submissionRow(
  body: SubmissionBody,
  round: RoundConfig,
  outcome: SubmitOutcome,
  reply?: IngestReply,
  status?: number,
): { row: ProposalRowUpdate; issues: Issue[]; email: string } {
  const { proposal, issues: local } = evaluateSubmission(body, formSpec(round), round);
  const issues = reply?.issues ?? local;
  return {
    issues,
    email: proposal.email,
    row: {
      source: {
        id: reply?.id ?? proposal.id,
        title: proposal.title,
        organisation: proposal.organisation,
        submittedAt: proposal.submittedAt,
        issues,
        irmCheck: irmCheckText(irmCheck(proposal, round)),
      },
      workingGroupId: proposal.workingGroupId,
      note: ingestNote(outcome, reply, status),
    },
  };
}
