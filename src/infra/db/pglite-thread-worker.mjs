// Entry of the PGlite worker thread. A worker does not inherit the tsx loader when the main thread
// registered it in code (bin/hireline.js does), so the worker registers it for itself.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-thread.worker.ts');
