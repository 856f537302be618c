// The form's responses as reconcile reads them (adapter: lambdas/adapters/google/google-forms.ts, the Forms API).

export interface FormResponse {
  responseId: string;
  lastSubmittedTime: string;
  respondentEmail?: string;
  /** Answers keyed by the question's title (as shown in the form). */
  answersByTitle: Record<string, string | string[]>;
}

export interface FormResponsesPort {
  listResponses(): Promise<FormResponse[]>;
}
