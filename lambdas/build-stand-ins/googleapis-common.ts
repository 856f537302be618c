// Bundled in place of the googleapis-common entry point (see infra/build/build.mjs): the generated clients in
// @googleapis/sheets and @googleapis/forms use only createAPIRequest, getAPI and AuthPlus from it. The
// entry point also re-exports the whole of google-auth-library and gaxios, and Discovery (clients built
// at run time from discovery documents), which nothing here uses.
export { getAPI } from 'googleapis-common/build/src/apiIndex';
export { createAPIRequest } from 'googleapis-common/build/src/apirequest';
export { AuthPlus } from 'googleapis-common/build/src/authplus';
