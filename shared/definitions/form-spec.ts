// The proposal form: one bilingual definition of the OGP commitment template. Apps Script builds the
// Google Form from it, the parser reads answers by its ids, and `cocreate form --json` prints it.
import { bilingual, type Text } from '../platform/i18n';
import { OGP_VALUES, SDGS } from './ogp';
import type { RoundConfig } from './round';

export type QuestionType = 'text' | 'paragraph' | 'email' | 'choice' | 'checkbox' | 'date' | 'number';

export interface Choice {
  value: string;
  label: Text;
}

export interface Question {
  id: string;
  title: Text;
  help?: Text;
  type: QuestionType;
  required: boolean;
  choices?: Choice[];
  maxLength?: number;
}

export interface Section {
  id: string;
  title: Text;
  description?: Text;
  questions: Question[];
}

export interface FormSpec {
  title: Text;
  description: Text;
  confirmation: Text;
  sections: Section[];
}

/** Google Forms has no repeating groups: a fixed number of milestone slots, the first one required. */
export const MAX_MILESTONES = 5;

const SHORT = 200;
const LONG = 5000;

const q = (
  id: string,
  type: QuestionType,
  required: boolean,
  title: Text,
  extra: Partial<Question> = {},
): Question => ({
  id,
  type,
  required,
  title,
  ...(type === 'text' || type === 'email' ? { maxLength: SHORT } : {}),
  ...(type === 'paragraph' ? { maxLength: LONG } : {}),
  ...extra,
});

function milestoneQuestions(n: number): Question[] {
  const req = n === 1;
  return [
    q(
      `m${n}_deliverable`,
      'paragraph',
      req,
      {
        id: `Tonggak ${n}: hasil yang dapat diverifikasi`,
        en: `Milestone ${n}: verifiable deliverable`,
      },
      { maxLength: 1000 },
    ),
    q(`m${n}_output`, 'text', req, {
      id: `Tonggak ${n}: keluaran yang diharapkan`,
      en: `Milestone ${n}: expected output`,
    }),
    q(`m${n}_start`, 'date', req, { id: `Tonggak ${n}: tanggal mulai`, en: `Milestone ${n}: start date` }),
    q(`m${n}_end`, 'date', req, { id: `Tonggak ${n}: tanggal selesai`, en: `Milestone ${n}: end date` }),
    q(`m${n}_responsible`, 'text', req, {
      id: `Tonggak ${n}: pemangku kepentingan yang bertanggung jawab`,
      en: `Milestone ${n}: responsible stakeholders`,
    }),
  ];
}

/** Builds the form for a round; choices (working groups, OGP values, SDGs) come from config. */
export function formSpec(round: RoundConfig): FormSpec {
  const wgChoices = round.workingGroups.map((g) => ({ value: g.id, label: g.name }));
  return {
    title: { id: `Usulan Komitmen — ${round.name.id}`, en: `Commitment Proposal — ${round.name.en}` },
    description: {
      id: 'Formulir usulan komitmen dari organisasi masyarakat sipil, mengikuti templat komitmen OGP.',
      en: 'Commitment proposal form for civil-society organisations, following the OGP commitment template.',
    },
    confirmation: {
      id: 'Terima kasih. Usulan Anda telah diterima dan akan ditinjau oleh kelompok kerja.',
      en: 'Thank you. Your proposal was received and will be reviewed by the working group.',
    },
    sections: [
      {
        id: 'submitter',
        title: { id: 'Pengusul', en: 'Submitter' },
        questions: [
          q('organisation', 'text', true, { id: 'Nama organisasi pengusul', en: 'Submitting organisation' }),
          q('contact_name', 'text', true, { id: 'Nama narahubung', en: 'Contact person' }),
          q('email', 'email', true, { id: 'Email narahubung', en: 'Contact email' }),
          q('phone', 'text', false, { id: 'Nomor telepon', en: 'Phone number' }, { maxLength: 30 }),
        ],
      },
      {
        id: 'commitment',
        title: { id: 'Komitmen', en: 'Commitment' },
        questions: [
          q('title', 'text', true, { id: 'Judul komitmen', en: 'Commitment title' }),
          q(
            'working_group',
            'choice',
            true,
            { id: 'Kelompok kerja', en: 'Working group' },
            { choices: wgChoices },
          ),
          q('lead_agency', 'text', true, {
            id: 'Kementerian/Lembaga (K/L) pelaksana utama',
            en: 'Lead implementing agency (ministry/agency)',
          }),
          q('problem', 'paragraph', true, {
            id: 'Masalah publik yang ingin diatasi (dengan kondisi awal/baseline)',
            en: 'Public problem to be addressed (with baseline)',
          }),
          q('causes', 'paragraph', false, { id: 'Penyebab masalah', en: 'Causes of the problem' }),
          q('done_so_far', 'paragraph', false, {
            id: 'Apa yang sudah dilakukan sejauh ini',
            en: 'What has been done so far',
          }),
          q('solution', 'paragraph', true, {
            id: 'Komitmen (solusi yang diusulkan)',
            en: 'Commitment (proposed solution)',
          }),
          q('expected_results', 'paragraph', true, { id: 'Hasil yang diharapkan', en: 'Expected results' }),
          q('objective', 'paragraph', false, { id: 'Tujuan komitmen', en: 'Commitment objective' }),
          q('how_it_solves', 'paragraph', true, {
            id: 'Bagaimana komitmen ini mengatasi masalah',
            en: 'How the commitment solves the problem',
          }),
        ],
      },
      {
        id: 'ogp_values',
        title: { id: 'Relevansi dengan nilai OGP', en: 'Relevance to OGP values' },
        description: {
          id: 'Pilih minimal satu nilai dan jelaskan relevansinya.',
          en: 'Choose at least one value and justify its relevance.',
        },
        questions: [
          q(
            'ogp_values',
            'checkbox',
            true,
            { id: 'Nilai OGP', en: 'OGP values' },
            {
              choices: OGP_VALUES.map((v) => ({ value: v.value, label: v.label })),
            },
          ),
          ...OGP_VALUES.map((v) =>
            q(
              `justify_${v.value}`,
              'paragraph',
              false,
              {
                id: `Penjelasan relevansi: ${v.label.id}`,
                en: `Justification: ${v.label.en}`,
              },
              { maxLength: 1500 },
            ),
          ),
        ],
      },
      {
        id: 'milestones',
        title: { id: 'Tonggak capaian', en: 'Milestones' },
        description: {
          id: `Isi minimal satu tonggak (maks. ${MAX_MILESTONES}). Tanggal harus dalam periode ${round.periodStart} s.d. ${round.periodEnd}.`,
          en: `Fill in at least one milestone (max. ${MAX_MILESTONES}). Dates must fall within ${round.periodStart} to ${round.periodEnd}.`,
        },
        questions: Array.from({ length: MAX_MILESTONES }, (_, i) => milestoneQuestions(i + 1)).flat(),
      },
      {
        id: 'context',
        title: { id: 'Pemangku kepentingan dan keterkaitan', en: 'Stakeholders and links' },
        questions: [
          q(
            'actors_government',
            'paragraph',
            false,
            { id: 'Aktor lain: pemerintah', en: 'Other actors: government' },
            { maxLength: 1000 },
          ),
          q(
            'actors_cso',
            'paragraph',
            false,
            { id: 'Aktor lain: OMS', en: 'Other actors: CSOs' },
            { maxLength: 1000 },
          ),
          q(
            'actors_private',
            'paragraph',
            false,
            { id: 'Aktor lain: sektor swasta', en: 'Other actors: private sector' },
            { maxLength: 1000 },
          ),
          q(
            'actors_working_groups',
            'paragraph',
            false,
            { id: 'Aktor lain: kelompok kerja', en: 'Other actors: working groups' },
            { maxLength: 1000 },
          ),
          q(
            'rpjmn',
            'paragraph',
            false,
            {
              id: 'Keterkaitan dengan RPJMN',
              en: 'Link to the national development plan (RPJMN)',
            },
            { maxLength: 1500 },
          ),
          q(
            'sdgs',
            'checkbox',
            false,
            { id: 'Keterkaitan dengan SDGs', en: 'Related SDGs' },
            { choices: [...SDGS] },
          ),
          q(
            'budget',
            'text',
            false,
            {
              id: 'Perkiraan anggaran (Rp)',
              en: 'Estimated budget (IDR)',
            },
            { help: { id: 'Contoh: Rp 150.000.000', en: 'Example: Rp 150.000.000' }, maxLength: 60 },
          ),
          q(
            'continuity',
            'paragraph',
            false,
            {
              id: 'Keberlanjutan dari rencana aksi sebelumnya',
              en: 'Continuity with the previous action plan',
            },
            { maxLength: 1500 },
          ),
        ],
      },
    ],
  };
}

export function allQuestions(spec: FormSpec): Question[] {
  return spec.sections.flatMap((s) => s.questions);
}

/** The title a question carries in the Google Form and hence in its CSV export and e.namedValues. */
export function questionTitle(question: Question): string {
  return bilingual(question.title);
}

/** The label of a choice as shown in the form (and so as it comes back in answers). */
export function choiceLabel(choice: Choice): string {
  return bilingual(choice.label);
}
