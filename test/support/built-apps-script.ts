// The built Apps Script bundle (dist/apps-script/Code.js) loaded into the simulation, with a capture
// server standing in for the API: the setup the Apps Script e2e tests share. Call inside a describe();
// read the fields inside tests (each test gets a fresh simulation and bundle).
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import {
  type CapturedRequest,
  type CaptureServer,
  startCaptureServer,
} from '../../infra/apps-script-sim/capture-server';
import { type LoadedAppsScript, loadAppsScript } from '../../infra/apps-script-sim/load';
import { type AppsScriptSim, createAppsScriptServices } from '../../infra/apps-script-sim/services';
import { verifyRequest } from '../../shared/platform/signing';

const root = join(__dirname, '..', '..');
export const CODE = join(root, 'dist', 'apps-script', 'Code.js');

/** `npm test` builds first; this builds when an e2e file runs on its own. */
export function ensureBuilt(): void {
  if (!existsSync(CODE))
    execFileSync(process.execPath, [join(root, 'infra', 'build', 'build.mjs'), '--quiet'], {
      cwd: root,
      stdio: 'inherit',
    });
}

export interface BuiltAppsScript {
  server: CaptureServer;
  sim: AppsScriptSim;
  app: LoadedAppsScript;
}

export function useBuiltAppsScript(signingSecret: string): BuiltAppsScript {
  const built = {} as BuiltAppsScript;
  beforeAll(async () => {
    ensureBuilt();
    built.server = await startCaptureServer();
  });
  afterAll(async () => {
    await built.sim?.close();
    await built.server.close();
  });
  beforeEach(async () => {
    await built.sim?.close();
    built.sim = createAppsScriptServices({
      properties: { COCREATE_API_URL: built.server.url, COCREATE_SIGNING_SECRET: signingSecret },
      fetchTimeoutMs: 5_000,
    });
    built.app = loadAppsScript(CODE, built.sim);
  });
  return built;
}

/** HMAC-SHA256 as the server computes it (Node crypto), to check what the bundle signed. */
export const hmac = (key: string, message: string) =>
  createHmac('sha256', key).update(message, 'utf8').digest('hex');

/** The server's verdict on a request the bundle sent, now, with this secret. */
export function verifySigned(req: CapturedRequest | undefined, secret: string) {
  return verifyRequest({
    headers: req?.headers ?? {},
    rawBody: req?.body ?? '',
    nowSeconds: Date.now() / 1000,
    secrets: [secret],
    hmac,
    target: { method: req?.method ?? '', path: (req?.path ?? '').split('?')[0] ?? '' },
    v1AcceptedUntil: 0, // only a v2 signature (method and path covered) passes
  });
}
