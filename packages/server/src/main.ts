import { enableCompileCache } from 'node:module';

/**
 * The entry point. Node's compile cache keeps the code it compiled (and the TypeScript it
 * stripped) on disk, so a second start skips most of the module loading that dominated it;
 * NODE_COMPILE_CACHE picks the folder, NODE_DISABLE_COMPILE_CACHE=1 turns it off, and a cache
 * that cannot be written or no longer matches a file is ignored (docs/operations.md, "Start-up
 * and memory"). It must be on before the server's modules load: hence the dynamic import.
 */
enableCompileCache();
const { runServer } = await import('./run-server.ts');
runServer().catch((error: unknown) => {
  console.error('ePeople failed to start:', error);
  process.exit(1);
});
