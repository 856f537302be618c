// Where CLI data commands read and write: a running `cocreate dev` stack, a deployed stage (--stage), or
// else the embedded store on disk under the state folder (started for the command, then stopped).
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { makeDocumentClient } from '../../lambdas/adapters/aws-clients';
import { DynamoNegotiationStore } from '../../lambdas/adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from '../../lambdas/adapters/dynamodb-proposal-store';
import { tableName } from '../../shared/definitions/table';
import { startDynalite } from '../local-stack/local-stack';
import { readStackInfo } from '../local-stack/stack-file';
import { ensureTable } from '../local-stack/tables';

export interface DataTarget {
  description: string;
  store: DynamoProposalStore;
  negotiations: DynamoNegotiationStore;
  close(): Promise<void>;
}

export async function openDataTarget(opts: { stateDir: string; stage?: string }): Promise<DataTarget> {
  if (opts.stage) {
    const doc = makeDocumentClient({});
    return {
      description: `stage ${opts.stage} (${tableName(opts.stage)})`,
      store: new DynamoProposalStore(doc, tableName(opts.stage)),
      negotiations: new DynamoNegotiationStore(doc, tableName(opts.stage)),
      close: async () => doc.destroy(),
    };
  }
  const running = readStackInfo(opts.stateDir);
  if (running) {
    const doc = makeDocumentClient({ dynamodbEndpoint: running.dynamodbUrl });
    return {
      description: `running stack ${running.apiUrl}`,
      store: new DynamoProposalStore(doc, running.tableName),
      negotiations: new DynamoNegotiationStore(doc, running.tableName),
      close: async () => doc.destroy(),
    };
  }
  const db = await startDynalite(0, join(opts.stateDir, 'dynamodb'));
  const table = tableName('local');
  const raw = new DynamoDBClient({
    endpoint: db.url,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(raw, table);
  raw.destroy();
  const doc = makeDocumentClient({ dynamodbEndpoint: db.url });
  return {
    description: `embedded store ${join(opts.stateDir, 'dynamodb')}`,
    store: new DynamoProposalStore(doc, table),
    negotiations: new DynamoNegotiationStore(doc, table),
    close: async () => {
      doc.destroy();
      await db.close();
    },
  };
}
