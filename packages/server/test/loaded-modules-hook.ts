import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

/**
 * Preloaded into a server process by test/lazy-modules.test.ts (NODE_OPTIONS=--import=...): writes
 * the URL of every module the process loads, one a line, to LOADED_MODULES_FILE as it loads it,
 * so the test can tell what a start loaded and what waited for its first use.
 */
const file = process.env.LOADED_MODULES_FILE;
if (file) {
  registerHooks({
    load(url, context, nextLoad) {
      appendFileSync(file, `${url}\n`);
      return nextLoad(url, context);
    },
  });
}
