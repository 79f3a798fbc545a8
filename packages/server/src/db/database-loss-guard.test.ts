import { describe, expect, it } from 'vitest';
import { databaseLossRejectionHandler } from './database-loss-guard.ts';

describe('unhandled rejections while the database is away', () => {
  const warnings: Array<{ object: object; message: string }> = [];
  const handle = databaseLossRejectionHandler({ warn: (object, message) => warnings.push({ object, message }) });

  it('a lost connection or a refused one is logged by its code, and the process goes on', () => {
    handle(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    handle(new Error('Connection terminated unexpectedly'));
    handle(
      new Error('Failed query: UPDATE pgboss.job', {
        cause: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      }),
    );
    expect(warnings.map((warning) => warning.object)).toEqual([
      { code: 'ECONNREFUSED' },
      { code: undefined },
      { code: undefined },
    ]);
    expect(JSON.stringify(warnings)).not.toContain('127.0.0.1');
  });

  it('any other unhandled rejection is thrown again, so it still ends the process', () => {
    const bug = new TypeError('x is undefined');
    expect(() => handle(bug)).toThrow(bug);
    expect(() => handle(Object.assign(new Error('duplicate key'), { code: '23505' }))).toThrow('duplicate key');
  });
});
