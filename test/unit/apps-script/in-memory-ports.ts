// In-memory implementations of the Apps Script ports, for the logic modules' unit tests.
import { createHmac } from 'node:crypto';
import type {
  FormPort,
  FormRef,
  HmacHex,
  HttpClient,
  HttpRequest,
  HttpResponse,
  Log,
  MenuItem,
  MenuPort,
  PropertyStore,
  ScriptLock,
  TriggerInfo,
  TriggerPort,
} from '../../../apps-script/src/ports';

export const SECRET = 'a-test-signing-secret-of-32-chars!!';

let ids = 0;
/** Distinct ids in the UUID alphabet. */
export const counterId = (): string => `req-${++ids}`;

export const nodeHmac: HmacHex = (key, message) =>
  createHmac('sha256', key).update(message, 'utf8').digest('hex');

/** Script Properties with Apps Script's per-value limit; `failOn` lets a test kill the run at a chosen write. */
export class MemoryProperties implements PropertyStore {
  readonly map = new Map<string, string>();
  failOn?: (op: 'set' | 'delete', key: string) => boolean;

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.map.set(k, v);
  }

  get(key: string): string | null {
    return this.map.get(key) ?? null;
  }

  set(key: string, value: string): void {
    if (this.failOn?.('set', key)) throw new Error(`killed while writing ${key}`);
    if (Buffer.byteLength(value, 'utf8') > 9 * 1024) throw new Error('Exception: Argument too large: value');
    this.map.set(key, value);
  }

  delete(key: string): void {
    if (this.failOn?.('delete', key)) throw new Error(`killed while deleting ${key}`);
    this.map.delete(key);
  }

  keys(): string[] {
    return [...this.map.keys()];
  }
}

export function configured(extra: Record<string, string> = {}): MemoryProperties {
  return new MemoryProperties({
    COCREATE_API_URL: 'https://api.example.org',
    COCREATE_SIGNING_SECRET: SECRET,
    ...extra,
  });
}

export type Responder = (request: HttpRequest) => HttpResponse;

export class MemoryHttp implements HttpClient {
  readonly requests: HttpRequest[] = [];

  constructor(public responder: Responder = () => ({ status: 201, body: '{}' })) {}

  fetch(request: HttpRequest): HttpResponse {
    this.requests.push(request);
    return this.responder(request);
  }
}

export class TestClock {
  constructor(public ms = Date.parse('2026-11-26T03:00:00Z')) {}
  readonly now = () => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export class MemoryLock implements ScriptLock {
  held = false;
  heldElsewhere = false;
  tries = 0;

  tryLock(): boolean {
    this.tries++;
    if (this.heldElsewhere) return false;
    this.held = true;
    return true;
  }

  release(): void {
    this.held = false;
  }
}

export class MemoryTriggers implements TriggerPort {
  readonly triggers: (TriggerInfo & { formId?: string; minutes?: number })[] = [];
  private next = 1;

  list(): TriggerInfo[] {
    return this.triggers.map(({ id, handler, kind }) => ({ id, handler, kind }));
  }

  delete(id: string): void {
    const at = this.triggers.findIndex((t) => t.id === id);
    if (at >= 0) this.triggers.splice(at, 1);
  }

  createFormSubmit(handler: string, formId: string): TriggerInfo {
    const t = { id: `t${this.next++}`, handler, kind: 'form-submit' as const, formId };
    this.triggers.push(t);
    return { id: t.id, handler, kind: t.kind };
  }

  createEveryMinutes(handler: string, minutes: number): TriggerInfo {
    const t = { id: `t${this.next++}`, handler, kind: 'clock' as const, minutes };
    this.triggers.push(t);
    return { id: t.id, handler, kind: t.kind };
  }
}

export function memoryForms(active: FormRef | null, others: FormRef[] = []): FormPort {
  const all = new Map([...(active ? [active] : []), ...others].map((f) => [f.id, f]));
  return {
    active: () => active,
    open(id) {
      const f = all.get(id);
      if (!f) throw new Error('No item with the given ID could be found');
      return f;
    },
  };
}

export class MemoryMenu implements MenuPort {
  readonly menus: { title: string; items: readonly MenuItem[] }[] = [];
  addMenu(title: string, items: readonly MenuItem[]): void {
    this.menus.push({ title, items });
  }
}

export class MemoryLog implements Log {
  readonly lines: { level: string; message: string; data?: unknown }[] = [];
  info(message: string, data?: unknown) {
    this.lines.push({ level: 'info', message, data });
  }
  warn(message: string, data?: unknown) {
    this.lines.push({ level: 'warn', message, data });
  }
  error(message: string, data?: unknown) {
    this.lines.push({ level: 'error', message, data });
  }
}
