// Form responses through the Forms API v1 (forms.get for item titles, paged responses.list), mapped to
// the same submission body the Apps Script trigger posts.
import { forms, type forms_v1 } from '@googleapis/forms';
import type { FormResponse, FormResponsesPort } from '../../ports/form-responses';
import { type GoogleApiOptions, googleClientOptions } from './google-auth';

export type { FormResponse, FormResponsesPort };

export class GoogleFormResponses implements FormResponsesPort {
  private readonly api: forms_v1.Forms;

  constructor(
    private readonly formId: string,
    options: GoogleApiOptions,
  ) {
    this.api = forms({ version: 'v1', ...googleClientOptions(options) });
  }

  async listResponses(): Promise<FormResponse[]> {
    const form = await this.api.forms.get({ formId: this.formId });
    const titles = new Map<string, string>();
    for (const item of form.data.items ?? []) {
      const qid = item.questionItem?.question?.questionId;
      if (qid && item.title) titles.set(qid, item.title);
    }
    const out: FormResponse[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.api.forms.responses.list({
        formId: this.formId,
        ...(pageToken ? { pageToken } : {}),
      });
      for (const r of page.data.responses ?? []) {
        if (!r.responseId) continue;
        const answersByTitle: Record<string, string | string[]> = {};
        for (const [qid, answer] of Object.entries(r.answers ?? {})) {
          const title = titles.get(qid);
          const values = (answer.textAnswers?.answers ?? []).map((a) => a.value ?? '').filter(Boolean);
          if (title && values.length)
            answersByTitle[title] = values.length === 1 ? (values[0] as string) : values;
        }
        out.push({
          responseId: r.responseId,
          lastSubmittedTime: r.lastSubmittedTime ?? r.createTime ?? new Date(0).toISOString(),
          ...(r.respondentEmail ? { respondentEmail: r.respondentEmail } : {}),
          answersByTitle,
        });
      }
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
    return out;
  }
}
