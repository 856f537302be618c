// OGP vocabulary used by the commitment template: the four OGP values and the 17 SDGs.
import type { Text } from '../platform/i18n';

export type OgpValue = 'transparency' | 'accountability' | 'civic_participation' | 'technology_innovation';

export const OGP_VALUES: readonly { value: OgpValue; label: Text }[] = [
  { value: 'transparency', label: { id: 'Transparansi', en: 'Transparency' } },
  { value: 'accountability', label: { id: 'Akuntabilitas', en: 'Accountability' } },
  { value: 'civic_participation', label: { id: 'Partisipasi Publik', en: 'Civic Participation' } },
  {
    value: 'technology_innovation',
    label: { id: 'Teknologi & Inovasi', en: 'Technology & Innovation' },
  },
];

export const SDGS: readonly { value: string; label: Text }[] = [
  ['Tanpa Kemiskinan', 'No Poverty'],
  ['Tanpa Kelaparan', 'Zero Hunger'],
  ['Kehidupan Sehat dan Sejahtera', 'Good Health and Well-being'],
  ['Pendidikan Berkualitas', 'Quality Education'],
  ['Kesetaraan Gender', 'Gender Equality'],
  ['Air Bersih dan Sanitasi Layak', 'Clean Water and Sanitation'],
  ['Energi Bersih dan Terjangkau', 'Affordable and Clean Energy'],
  ['Pekerjaan Layak dan Pertumbuhan Ekonomi', 'Decent Work and Economic Growth'],
  ['Industri, Inovasi dan Infrastruktur', 'Industry, Innovation and Infrastructure'],
  ['Berkurangnya Kesenjangan', 'Reduced Inequalities'],
  ['Kota dan Permukiman yang Berkelanjutan', 'Sustainable Cities and Communities'],
  ['Konsumsi dan Produksi yang Bertanggung Jawab', 'Responsible Consumption and Production'],
  ['Penanganan Perubahan Iklim', 'Climate Action'],
  ['Ekosistem Lautan', 'Life Below Water'],
  ['Ekosistem Daratan', 'Life on Land'],
  ['Perdamaian, Keadilan dan Kelembagaan yang Tangguh', 'Peace, Justice and Strong Institutions'],
  ['Kemitraan untuk Mencapai Tujuan', 'Partnerships for the Goals'],
].map(([id, en], i) => ({ value: `sdg${i + 1}`, label: { id: `${i + 1}. ${id}`, en: `${i + 1}. ${en}` } }));
