// Negotiation states for tests: a commitment with its CSO text, started with one lead agency.
import type { CommitmentText } from '../../../../shared/negotiation/commitment-text';
import {
  applyNegotiation,
  type NegotiationChange,
  type NegotiationOutcome,
  type NegotiationState,
  startNegotiation,
} from '../../../../shared/negotiation/negotiation';

export const NOW = '2022-09-01T03:00:00.000Z';
export const LATER = '2022-09-08T03:00:00.000Z';
export const REASON = 'Instansi utama mendukung dan tonggak sesuai periode rencana aksi.';
export const SECRETARIAT = 'Sekretariat OMS (fiktif)';

export const CSO_TEXT: CommitmentText = {
  problem: 'Dana desa belum dilaporkan secara terbuka kepada warga.',
  action: 'Membangun portal laporan dana desa yang dapat diakses warga di 100 desa.',
  milestones: [
    { deliverable: 'Standar data laporan desa', start: '2023-01-01', end: '2023-06-30' },
    { deliverable: 'Portal diluncurkan di 100 desa', start: '2023-07-01', end: '2024-06-30' },
  ],
  leadAgency: 'Kementerian Desa',
  expectedResults: 'Warga 100 desa dapat memantau penggunaan dana desa.',
};

export function started(extra: { supporting?: string[] } = {}): NegotiationState {
  const out = startNegotiation(
    {
      commitmentId: 'c_1',
      title: 'Akuntabilitas Desa',
      sourceProposalIds: ['p_1', 'p_2'],
      csoText: CSO_TEXT,
      ...(extra.supporting ? { supporting: extra.supporting } : {}),
    },
    SECRETARIAT,
    NOW,
  );
  if (!out.ok) throw new Error(out.message.en);
  return out.state;
}

export function ok(outcome: NegotiationOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.code} ${outcome.message.en}`);
  return outcome.state;
}

/** Applies changes in turn, each against the version the previous one produced. */
export function walk(
  state: NegotiationState,
  ...changes: Omit<NegotiationChange, 'expectedVersion'>[]
): NegotiationState {
  let s = state;
  for (const c of changes)
    s = ok(applyNegotiation(s, { expectedVersion: s.version, ...c }, SECRETARIAT, LATER));
  return s;
}

/** In discussion, with the lead agency supporting. */
export function supported(): NegotiationState {
  return walk(started(), {
    agencies: [{ agency: 'Kementerian Desa', position: 'supports', channel: 'meeting' }],
  });
}
