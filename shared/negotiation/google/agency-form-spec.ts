// The agency-response form (the second form setup builds): the commitment and agency come pre-filled in
// the link the secretariat sends, the agency answers with its position and what it would change. It asks
// for no name and no email: the answer is the institution's, and focal points stay out of every response.
import type { Text } from '../../platform/i18n';
import { AGENCY_POSITION_LABELS, AGENCY_POSITIONS, type AgencyPosition } from '../negotiation';

export interface AgencyFormQuestion {
  id: 'commitment_id' | 'agency' | 'position' | 'changes';
  kind: 'text' | 'choice' | 'paragraph';
  title: Text;
  help?: Text;
  required: boolean;
  choices?: string[];
  maxLength?: number;
}

export interface AgencyFormSpec {
  title: Text;
  description: Text;
  confirmation: Text;
  questions: AgencyFormQuestion[];
}

export const agencyPositionChoice = (p: AgencyPosition) =>
  `${AGENCY_POSITION_LABELS[p].id} / ${AGENCY_POSITION_LABELS[p].en}`;

/** Positions an agency can give (pending is not an answer). */
export const ANSWER_POSITIONS = AGENCY_POSITIONS.filter((p) => p !== 'pending');

export function agencyFormSpec(roundName: Text): AgencyFormSpec {
  return {
    title: { id: `Tanggapan K/L — ${roundName.id}`, en: `Agency response — ${roundName.en}` },
    description: {
      id: 'Formulir untuk instansi pemerintah menanggapi komitmen rencana aksi. Komitmen dan instansi sudah terisi dari tautan; jangan diubah. Jangan menuliskan nama atau kontak pribadi.',
      en: 'For government agencies to answer on action-plan commitments. The commitment and agency are filled in by the link; do not change them. Do not write personal names or contacts.',
    },
    confirmation: {
      id: 'Terima kasih. Tanggapan instansi Anda sudah dicatat oleh sekretariat.',
      en: 'Thank you. Your agency’s response has been recorded by the secretariat.',
    },
    questions: [
      {
        id: 'commitment_id',
        kind: 'text',
        title: { id: 'ID komitmen', en: 'Commitment ID' },
        required: true,
        maxLength: 100,
      },
      {
        id: 'agency',
        kind: 'text',
        title: { id: 'Instansi (K/L)', en: 'Agency' },
        required: true,
        maxLength: 200,
      },
      {
        id: 'position',
        kind: 'choice',
        title: { id: 'Posisi instansi', en: 'Agency position' },
        required: true,
        choices: ANSWER_POSITIONS.map(agencyPositionChoice),
      },
      {
        id: 'changes',
        kind: 'paragraph',
        title: { id: 'Perubahan atau syarat yang diusulkan', en: 'Changes or conditions proposed' },
        help: { id: 'Tonggak, cakupan, anggaran…', en: 'Milestones, scope, budget…' },
        required: false,
        maxLength: 3000,
      },
    ],
  };
}

export const agencyQuestionTitle = (q: AgencyFormQuestion) => `${q.title.id} / ${q.title.en}`;

/** Reads a position answer (the bilingual choice, or a bare code). */
export function positionFromAnswer(answer: string): AgencyPosition | null {
  const t = answer.trim();
  return ANSWER_POSITIONS.find((p) => t === agencyPositionChoice(p) || t === p) ?? null;
}

/** Question id -> its bilingual title as the form shows it (how a response is read back). */
export const AGENCY_FORM_QUESTIONS_BY_ID = Object.fromEntries(
  agencyFormSpec({ id: '', en: '' }).questions.map((q) => [q.id, agencyQuestionTitle(q)]),
) as Record<AgencyFormQuestion['id'], string>;
