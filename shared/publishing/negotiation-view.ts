// What the published pages say about a commitment's negotiation with government (shared/negotiation):
// its status, whether it ended, the reasoned explanation, and the agreed text beside the CSO text.
import { isFinalNegotiation, NEGOTIATION_STATUS_LABELS } from '../negotiation/negotiation';
import type { OpenDataNegotiation } from '../negotiation/negotiation-export';
import type { CommitmentNegotiation } from './public-round';

/** From the open-data view of a negotiation (already cleaned of personal data). */
export function negotiationView(n: OpenDataNegotiation): CommitmentNegotiation {
  const agreed = n.agreedText;
  return {
    code: n.status,
    status: NEGOTIATION_STATUS_LABELS[n.status],
    concluded: isFinalNegotiation(n.status),
    ...(n.reasonedResponse ? { summary: { id: n.reasonedResponse, en: n.reasonedResponse } } : {}),
    ...(agreed
      ? {
          agreed: {
            solution: agreed.action,
            milestones: agreed.milestones.map((m) => ({
              deliverable: m.deliverable,
              expectedOutput: '',
              start: m.start,
              end: m.end,
              responsible: agreed.leadAgency,
            })),
          },
        }
      : {}),
  };
}
