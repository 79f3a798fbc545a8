import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { createTileNotFoundError, createTilePathInvalidError } from './tlog.errors.ts';
import { loadLogKey } from './tlog.key.ts';
import { latestCheckpoint, readTile } from './tlog.reader.ts';
import { parseTilePath, TILE_WIDTH } from './tlog.tiles.ts';

/**
 * The log as C2SP tlog-tiles, at the root (prefix `/log`), public and anonymous: anyone may
 * mirror, monitor or witness it. Full tiles never change, so caches keep them for a year; the
 * checkpoint changes with every batch, so caches keep it for seconds.
 */
export async function transparencyLogPublicRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const db = ctx.database.db;
  const shareable = (reply: FastifyReply) =>
    reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');

  app.get('/checkpoint', { schema: { hide: true } }, async (_request, reply) => {
    const checkpoint = await latestCheckpoint(db);
    if (!checkpoint) throw createTileNotFoundError();
    return shareable(reply)
      .header('cache-control', 'public, max-age=2')
      .type('text/plain; charset=utf-8')
      .send(checkpoint.note);
  });

  app.get('/verifier-key', { schema: { hide: true } }, async (_request, reply) => {
    const key = await loadLogKey(ctx.config);
    return shareable(reply)
      .header('cache-control', 'public, max-age=3600')
      .type('text/plain; charset=utf-8')
      .send(`${key.verifierKey}\n`);
  });

  app.get('/tile/*', { schema: { hide: true } }, async (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    const tile = parseTilePath(`tile/${rest}`);
    if (!tile) throw createTilePathInvalidError();
    const bytes = await readTile(db, tile);
    if (!bytes) throw createTileNotFoundError();
    // A partial tile of a given width never changes either, but the spec lets logs drop it
    // once the full tile exists: cache it for a shorter time.
    const caching = tile.width === TILE_WIDTH ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
    return shareable(reply).header('cache-control', caching).type('application/octet-stream').send(Buffer.from(bytes));
  });

  // Anything else under /log is not the single-page app's.
  app.get('/*', { schema: { hide: true } }, async () => {
    throw createTileNotFoundError();
  });
}
