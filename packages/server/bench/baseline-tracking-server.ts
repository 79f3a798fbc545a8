import Fastify from 'fastify';
import pg from 'pg';

/**
 * The tracking baseline: a bare Fastify route that runs the same look-up as the app's tracking
 * (the case by reference, then its public timeline) through `pg`, with no session, access code,
 * authorisation or presentation. What the app adds on top is the cost being measured.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 10) });
const app = Fastify({ logger: false });

app.get('/ready', async () => ({ ok: true }));
app.get<{ Params: { reference: string } }>('/cases/:reference', async (request, reply) => {
  const found = await pool.query({
    name: 'case-by-reference',
    text: 'SELECT * FROM cases WHERE reference = $1',
    values: [request.params.reference],
  });
  const theCase = found.rows[0];
  if (!theCase) return reply.status(404).send({ found: false });
  const events = await pool.query({
    name: 'public-events',
    text: `SELECT * FROM case_events WHERE case_id = $1 AND visibility = 'public' ORDER BY created_at`,
    values: [theCase.id],
  });
  return { case: theCase, events: events.rows };
});

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0));
  });
}
