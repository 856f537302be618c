// One named queue of entries in Script Properties (`outbox`, `failed`), crash-safe and split into parts
// when a body is larger than a property value may hold (the design: docs/architecture.md, "The outbox").

import { splitUtf8, utf8Length } from '../../../shared/platform/utf8';
import type { PropertyStore } from '../ports';

/** Below Apps Script's 9 KB per property value, with room to spare. */
export const MAX_VALUE_BYTES = 8000;
/** Orphan parts younger than this may belong to a write in progress in another execution. */
export const ORPHAN_AGE_MS = 3600_000;

export type QueueName = 'outbox' | 'failed';

/** proposal: POST /v1/proposals (the default); review: POST /v1/reviews. */
export type EntryKind = 'proposal' | 'review' | 'negotiation';

export interface QueueEntry {
  /** The entry's key: the form response id for a submission, `review-<uuid>` for review edits. */
  id: string;
  kind?: EntryKind;
  /** The JSON body exactly as it is signed and sent. */
  body: string;
  /** Failed attempts so far. */
  attempts: number;
  queuedAt: string;
  nextAttemptAt: string;
  lastStatus?: number;
  lastError?: string;
}

/** An entry's bookkeeping without its body; `stamp` identifies the stored version. */
export type QueueHead = Omit<QueueEntry, 'body'> & { stamp: string };

/**
 * A head as stored. The key is stored as `responseId` (its name from before review edits were queued), so
 * entries queued by an earlier version of the script are still read and sent after an upgrade.
 */
interface StoredHead extends Omit<QueueHead, 'id'> {
  v: 1;
  responseId: string;
  body?: string;
  parts?: number;
}

/** The bookkeeping of a stored head, with its key under its own name. */
function headOf(stored: StoredHead): QueueHead {
  const { v: _v, body: _b, parts: _p, responseId, ...meta } = stored;
  return { id: responseId, ...meta };
}

function newStamp(now: Date): string {
  return `${now.getTime().toString(36)}.${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

function stampTime(stamp: string): number {
  const t = Number.parseInt(stamp.split('.')[0] ?? '', 36);
  return Number.isFinite(t) ? t : 0;
}

/** One named queue of entries in the property store. */
export class PropertyQueue {
  constructor(
    private readonly props: PropertyStore,
    readonly name: QueueName,
  ) {}

  private headKey(id: string): string {
    return `${this.name}:${id}`;
  }

  private partKey(id: string, stamp: string, n: number): string {
    return `${this.name}-part:${id}:${stamp}:${n}`;
  }

  private readHead(id: string): StoredHead | null {
    const raw = this.props.get(this.headKey(id));
    if (!raw) return null;
    try {
      const head = JSON.parse(raw) as StoredHead;
      return head && head.v === 1 ? head : null;
    } catch {
      return null;
    }
  }

  /** Stores (or replaces) an entry; returns its stamp. Throws when the store is full. */
  put(entry: QueueEntry, now: Date): string {
    const previous = this.readHead(entry.id);
    const stamp = newStamp(now);
    const { body, id: responseId, ...meta } = entry;
    const inline: StoredHead = { v: 1, responseId, ...meta, stamp, body };
    const inlineJson = JSON.stringify(inline);
    let headJson = inlineJson;
    if (utf8Length(inlineJson) > MAX_VALUE_BYTES) {
      const parts = splitUtf8(body, MAX_VALUE_BYTES);
      const written: string[] = [];
      try {
        parts.forEach((part, n) => {
          const key = this.partKey(entry.id, stamp, n);
          this.props.set(key, part);
          written.push(key);
        });
      } catch (e) {
        for (const key of written) this.props.delete(key);
        throw e;
      }
      headJson = JSON.stringify({
        v: 1,
        responseId,
        ...meta,
        stamp,
        parts: parts.length,
      } satisfies StoredHead);
    }
    this.props.set(this.headKey(entry.id), headJson);
    if (previous?.parts) this.deleteParts(entry.id, previous.stamp, previous.parts);
    return stamp;
  }

  /** The entry with its body, or null when absent; `incomplete` when a part is missing. */
  read(id: string): (QueueEntry & { stamp: string }) | { incomplete: QueueHead } | null {
    const head = this.readHead(id);
    if (!head) return null;
    const meta = headOf(head);
    const { body: inlineBody, parts } = head;
    if (inlineBody !== undefined) return { ...meta, body: inlineBody };
    let body = '';
    for (let n = 0; n < (parts ?? 0); n++) {
      const part = this.props.get(this.partKey(id, head.stamp, n));
      if (part === null) return { incomplete: meta };
      body += part;
    }
    return { ...meta, body };
  }

  /** Rewrites the bookkeeping of the version identified by stamp; false when it changed meanwhile. */
  update(id: string, stamp: string, patch: Partial<Omit<QueueEntry, 'id' | 'body'>>): boolean {
    const head = this.readHead(id);
    if (!head || head.stamp !== stamp) return false;
    this.props.set(this.headKey(id), JSON.stringify({ ...head, ...patch }));
    return true;
  }

  /** Deletes the entry (only the version identified by stamp, when given): head first, then its parts. */
  remove(id: string, stamp?: string): boolean {
    const head = this.readHead(id);
    if (!head || (stamp !== undefined && head.stamp !== stamp)) return false;
    this.props.delete(this.headKey(id));
    if (head.parts) this.deleteParts(id, head.stamp, head.parts);
    return true;
  }

  private deleteParts(id: string, stamp: string, parts: number): void {
    for (let n = 0; n < parts; n++) this.props.delete(this.partKey(id, stamp, n));
  }

  /** Bookkeeping of every entry, oldest due first. */
  heads(): QueueHead[] {
    const prefix = `${this.name}:`;
    const heads: QueueHead[] = [];
    for (const key of this.props.keys()) {
      if (!key.startsWith(prefix)) continue;
      const head = this.readHead(key.slice(prefix.length));
      if (head) {
        heads.push(headOf(head));
      }
    }
    // Oldest due first; among equals, oldest queued first (so edits of one row go out in order).
    return heads.sort(
      (a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.queuedAt.localeCompare(b.queuedAt),
    );
  }

  size(): number {
    const prefix = `${this.name}:`;
    return this.props.keys().filter((k) => k.startsWith(prefix)).length;
  }

  /** Deletes parts no head points at (left by a killed run) once they are older than minAgeMs. */
  sweep(now: Date, minAgeMs = ORPHAN_AGE_MS): number {
    const prefix = `${this.name}-part:`;
    let swept = 0;
    for (const key of this.props.keys()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length).split(':');
      const n = rest.pop();
      const stamp = rest.pop() ?? '';
      const id = rest.join(':');
      if (n === undefined || now.getTime() - stampTime(stamp) < minAgeMs) continue;
      if (this.readHead(id)?.stamp === stamp) continue;
      this.props.delete(key);
      swept++;
    }
    return swept;
  }
}
