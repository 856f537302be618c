// Apps Script service calls (through the simulation, on the built Code.js): one form submission, one
// single-cell review edit and a 1,000-row paste, each in a review tab already holding 1,000 rows. Each
// count must stay constant in the size of the sheet, not grow per row.
import { join } from 'node:path';
import { startCaptureServer } from '../infra/apps-script-sim/capture-server';
import { formSubmitEvent } from '../infra/apps-script-sim/events';
import { loadAppsScript } from '../infra/apps-script-sim/load';
import { createAppsScriptServices } from '../infra/apps-script-sim/services';
import { SAMPLE_PROPOSALS } from '../infra/demo/sample-round';
import { formSpec } from '../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../shared/definitions/round';
import { answersToTitles } from '../shared/ingest/answers';
import { REVIEW_COLUMNS, tabName } from '../shared/review/review-sheet';
import { type Result, ROOT } from './support';

const spec = formSpec(DEFAULT_ROUND);
const col = (key: string) => REVIEW_COLUMNS.findIndex((c) => c.key === key);

/** Calls of the services that cost quota or time: the spreadsheet and the network. */
function costly(snapshot: Record<string, number>): {
  total: number;
  props: number;
  fetches: number;
  detail: string;
} {
  const entries = Object.entries(snapshot).filter(([k]) =>
    /^(Range|Sheet|Spreadsheet|SpreadsheetApp|TextFinder|UrlFetchApp)\./.test(k),
  );
  const props = Object.entries(snapshot).filter(([k]) => /^Propert/.test(k));
  return {
    props: props.reduce((n, [, v]) => n + v, 0),
    total: entries.reduce((n, [, v]) => n + v, 0),
    fetches: snapshot['UrlFetchApp.fetch'] ?? 0,
    detail: entries.map(([k, v]) => `${k}=${v}`).join(' '),
  };
}

export async function benchAppsScriptCalls(log: (s: string) => void): Promise<Result[]> {
  const server = await startCaptureServer();
  const sim = createAppsScriptServices({
    properties: { COCREATE_API_URL: server.url, COCREATE_SIGNING_SECRET: 'x'.repeat(40) },
  });
  try {
    const app = loadAppsScript(join(ROOT, 'dist', 'apps-script', 'Code.js'), sim);
    app.call('setup');
    const group = DEFAULT_ROUND.workingGroups.find(
      (g) => g.id === SAMPLE_PROPOSALS[0]?.answers.working_group,
    );
    const tab = group ? tabName(group) : '';
    const ids = Array.from({ length: 1000 }, (_, i) => `p_${(0x1000000 + i).toString(16).padStart(16, '0')}`);
    sim.seedCells({ sheet: tab, row: 2, column: 1, values: ids.map((id) => [id]) });
    sim.seedCells({ sheet: tab, row: 2, column: col('version') + 1, values: ids.map(() => [1]) });

    const s = SAMPLE_PROPOSALS[0];
    const submitOne = async (n: number) => {
      await server.setDefault({
        status: 201,
        body: JSON.stringify({
          id: `p_00000000000000a${n}`,
          result: 'create',
          revision: 1,
          valid: true,
          issues: [],
        }),
      });
      sim.calls.reset();
      app.call(
        'onFormSubmit',
        formSubmitEvent({
          responseId: `bench-${n}`,
          timestamp: s?.submittedAt,
          answersByTitle: answersToTitles(spec, { ...(s?.answers ?? {}), title: `Usulan bench ${n}` }),
        }),
      );
      return costly(sim.calls.snapshot());
    };
    // The seeded tab is full (1,000 rows and the header): the first submission adds 500 rows and lays
    // them out (once per 500 proposals); the next one is the usual case.
    const growing = await submitOne(1);
    log(
      `  submission that grows the tab by 500 rows: ${growing.total} spreadsheet/network calls (${growing.detail})`,
    );
    const submit = await submitOne(2);
    log(
      `  one submission (tab of 1,000 rows): ${submit.total} spreadsheet/network calls, ${submit.fetches} fetch, ${submit.props} property calls (${submit.detail})`,
    );

    const answer = (edited: string[]) =>
      server.setDefault({
        status: 200,
        body: JSON.stringify({
          results: edited.map((proposalId) => ({
            proposalId,
            ok: true,
            version: 2,
            rebased: false,
            state: { proposalId, status: 'in_review', version: 2 },
          })),
        }),
      });
    await answer(ids.slice(500, 501));
    const one = sim.userEdit({
      sheet: tab,
      row: 502,
      column: col('reviewer') + 1,
      values: [['Peninjau Satu (fiktif)']],
    });
    sim.calls.reset();
    app.call('onReviewEdit', one);
    const single = costly(sim.calls.snapshot());
    log(
      `  single-cell review edit: ${single.total} spreadsheet/network calls, ${single.fetches} fetch, ${single.props} property calls (${single.detail})`,
    );

    await answer(ids);
    const event = sim.userEdit({
      sheet: tab,
      row: 2,
      column: col('reviewer') + 1,
      values: ids.map(() => ['Peninjau Bench (fiktif)']),
    });
    sim.calls.reset();
    app.call('onReviewEdit', event);
    const resync = costly(sim.calls.snapshot());
    log(
      `  1,000-row review edit: ${resync.total} spreadsheet/network calls, ${resync.fetches} fetch (${resync.detail})`,
    );
    return [
      {
        name: 'apps-script-submission-calls',
        value: submit.total,
        unit: 'calls',
        target: '<= 16, constant in the sheet size',
      },
      {
        name: 'apps-script-submission-growing-tab-calls',
        value: growing.total,
        unit: 'calls',
        target: 'once per 500 rows',
      },
      {
        name: 'apps-script-submission-props',
        value: submit.props,
        unit: 'calls',
      },
      {
        name: 'apps-script-review-edit-calls',
        value: single.total,
        unit: 'calls',
        target: '<= 10, constant in the sheet size',
      },
      {
        name: 'apps-script-paste-1000-calls',
        value: resync.total,
        unit: 'calls',
        target: 'constant in the sheet size',
      },
      { name: 'apps-script-paste-1000-fetches', value: resync.fetches, unit: 'requests' },
    ];
  } finally {
    await sim.close();
    await server.close();
  }
}
