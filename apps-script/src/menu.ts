// The "OGP Cocreate" menu added when an editor opens the form: one item per action a person may start.
import { bilingual } from '../../shared/platform/i18n';
import type { MenuItem, MenuPort } from './ports';
import { HANDLERS } from './setup';

export const MENU_TITLE = 'OGP Cocreate';

export const MENU_ITEMS: readonly MenuItem[] = [
  {
    caption: bilingual({ id: 'Siapkan (periksa & pasang pemicu)', en: 'Set up (check & install triggers)' }),
    functionName: 'setup',
  },
  {
    caption: bilingual({ id: 'Kirim ulang antrean sekarang', en: 'Retry the outbox now' }),
    functionName: HANDLERS.retry,
  },
  {
    caption: bilingual({ id: 'Kirim ringkasan status sekarang', en: 'Send the status digest now' }),
    functionName: 'sendDigestNow',
  },
  {
    caption: bilingual({
      id: 'Buat draf rencana aksi (Google Dokumen)',
      en: 'Make the action plan draft (Google Doc)',
    }),
    functionName: 'buildActionPlanDoc',
  },
  {
    caption: bilingual({ id: 'Perbarui tab negosiasi K/L', en: 'Refresh the negotiation tab' }),
    functionName: 'refreshNegotiations',
  },
];

export function installMenu(ui: MenuPort): void {
  ui.addMenu(MENU_TITLE, MENU_ITEMS);
}
