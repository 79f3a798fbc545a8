import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The entry point. Node's compile cache keeps the code it compiled (and the TypeScript it
 * stripped) on disk, so a second start skips most of the module loading that dominated it
 * (docs/operations.md, "Start-up and memory"). It lives in the installation (node_modules/.cache):
 * whoever can write there can change the code anyway, whereas the shared temporary folder would
 * let another local user plant code, and DATA_DIR must stay empty until a restore. NODE_COMPILE_CACHE
 * picks another folder, NODE_DISABLE_COMPILE_CACHE=1 turns it off, and a cache Node cannot write
 * (a read-only image), or one that no longer matches a file, is not used. It must be on before
 * the server's modules load: hence the dynamic import.
 */
enableCompileCache(
  process.env.NODE_COMPILE_CACHE
    ? undefined
    : fileURLToPath(new URL('../node_modules/.cache/epeople-compile-cache', import.meta.url)),
);
const { runServer } = await import('./run-server.ts');
runServer().catch((error: unknown) => {
  console.error('ePeople failed to start:', error);
  process.exit(1);
});
