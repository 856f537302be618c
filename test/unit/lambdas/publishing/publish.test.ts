import { describe, expect, it } from '@jest/globals';
import { MemoryProposalStore } from '../../../../lambdas/adapters/memory-proposal-store';
import type { SiteFiles, SiteWriter } from '../../../../lambdas/ports/site-writer';
import { createPublishHandler } from '../../../../lambdas/publishing/publish';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { storeReviewedSampleRound } from '../../../support/reviewed-sample-round';

class MemorySiteWriter implements SiteWriter {
  readonly location = 'memory://site';
  readonly files = new Map<string, string | Uint8Array>();
  readonly seen = new Map<string, string>();
  /** Compares as the S3 writer does: the given version, else the bytes. */
  async write(files: SiteFiles, versions?: ReadonlyMap<string, string>) {
    let written = 0;
    for (const [k, v] of files) {
      const version = versions?.get(k) ?? Buffer.from(v).toString('base64');
      if (this.seen.get(k) === version) continue;
      this.seen.set(k, version);
      this.files.set(k, v);
      written++;
    }
    return { written, unchanged: files.size - written };
  }
}

describe('the publish handler', () => {
  it('publishes the round when the table’s change stream calls it, and writes nothing more when nothing changed', async () => {
    const store = new MemoryProposalStore();
    await storeReviewedSampleRound(store);
    const writer = new MemorySiteWriter();
    const handler = createPublishHandler(
      () => ({ store, round: DEFAULT_ROUND, writer }),
      () => new Date('2022-09-01T00:00:00Z'),
    );
    const streamEvent = {
      Records: [{ eventName: 'MODIFY', dynamodb: { Keys: { sk: { S: 'REVIEW#p_1' } } } }],
    };
    const first = await handler(streamEvent);
    expect(first).toMatchObject({ proposals: 22, commitments: 16, location: 'memory://site' });
    expect(first.written).toBe(first.files);
    expect([...writer.files.keys()].filter((k) => k.startsWith('proposals/'))).toHaveLength(22);
    // The hourly schedule finds nothing new to write.
    expect((await handler({})).written).toBe(0);
  });
});
