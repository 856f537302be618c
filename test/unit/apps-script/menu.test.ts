import { describe, expect, it } from '@jest/globals';
import * as main from '../../../apps-script/src/main';
import { installMenu, MENU_TITLE } from '../../../apps-script/src/menu';
import { MemoryMenu } from './in-memory-ports';

describe('installMenu', () => {
  it('adds the OGP Cocreate menu with bilingual items, Indonesian first', () => {
    const ui = new MemoryMenu();
    installMenu(ui);
    expect(ui.menus).toHaveLength(1);
    expect(ui.menus[0]?.title).toBe(MENU_TITLE);
    expect(ui.menus[0]?.items.map((i) => i.caption)).toEqual([
      'Siapkan (periksa & pasang pemicu) / Set up (check & install triggers)',
      'Kirim ulang antrean sekarang / Retry the outbox now',
      'Kirim ringkasan status sekarang / Send the status digest now',
      'Buat draf rencana aksi (Google Dokumen) / Make the action plan draft (Google Doc)',
      'Perbarui tab negosiasi K/L / Refresh the negotiation tab',
    ]);
  });

  it('only calls functions that main.ts exposes as globals', () => {
    const ui = new MemoryMenu();
    installMenu(ui);
    for (const item of ui.menus[0]?.items ?? []) expect(Object.keys(main)).toContain(item.functionName);
  });

  it('exposes exactly the handlers built so far', () => {
    expect(Object.keys(main).sort()).toEqual([
      'buildActionPlanDoc',
      'onAgencyResponse',
      'onFormSubmit',
      'onOpen',
      'onReviewEdit',
      'refreshNegotiations',
      'retryOutbox',
      'sendDigestNow',
      'setup',
    ]);
  });
});
