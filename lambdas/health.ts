// GET /v1/health: liveness, no dependencies touched.
import { json, withErrors } from './http';

export const handler = withErrors(async () => json(200, { ok: true, service: 'ogp-cocreate' }));
