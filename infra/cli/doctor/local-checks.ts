// `cocreate doctor` against the embedded stack that `cocreate dev` (or the demo) runs, found through stack.json.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listEmails } from '../../local-stack/mail-inbox';
import { readStackInfo } from '../../local-stack/stack-file';
import type { LoadedRound } from '../round/round-file';
import { apiChecks, type Check, type DoctorOptions, recipientsCheck, scriptProperties, why } from './checks';

export async function* localChecks(opts: DoctorOptions, round?: LoadedRound): AsyncGenerator<Check> {
  const running = readStackInfo(opts.stateDir);
  if (!running) {
    const file = join(opts.stateDir, 'stack.json');
    yield {
      status: 'FAIL',
      name: 'API',
      detail: `${existsSync(file) ? `the stack recorded in ${file} is not running (its process is gone)` : `no running stack recorded in ${file}`} → start one in another terminal: cocreate dev (or npm start)`,
    };
    yield { status: 'skip', name: 'signed request', detail: 'no running stack' };
    yield { status: 'skip', name: 'mail', detail: 'no running stack' };
  } else {
    yield* await apiChecks(running.apiUrl, opts, 'restart it: cocreate dev');
    try {
      const emails = await listEmails(running.mailUrl);
      yield {
        status: 'ok',
        name: 'mail',
        detail: `local SES sink ${running.mailUrl}/ answers (${emails.length} emails); on AWS the sender's SES identity must be verified`,
      };
    } catch (e) {
      yield {
        status: 'FAIL',
        name: 'mail',
        detail: `local SES sink ${running.mailUrl} does not answer (${why(e)}) → restart: cocreate dev`,
      };
    }
  }
  const recipients = recipientsCheck(
    round?.round,
    undefined,
    round?.round.digestRecipients ?? ['sekretariat@cocreate.example'],
  );
  if (recipients) yield recipients;
  yield {
    status: 'skip',
    name: 'Google (reconcile)',
    detail:
      'the embedded stack has no Google: reconcile runs against the local fake in tests; for a stage run: cocreate doctor --stage NAME',
  };
  yield scriptProperties(running?.apiUrl, `the value of ${join(opts.stateDir, 'signing-secret')}`, round);
}
