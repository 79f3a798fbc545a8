import { describe, expect, it } from 'vitest';
import { buildGraph, cyclesOf } from '../scripts/module-graph.ts';

/** The check `npm run lint` runs (scripts/module-graph.ts --check), on made-up source trees. */
describe('module boundaries check', () => {
  it('passes a module that reaches another through its index.ts', () => {
    const { violations } = buildGraph([
      { path: 'modules/answers/usecases/x.ts', text: "import { locateCase } from '../../cases/index.ts';" },
    ]);
    expect(violations).toEqual([]);
  });

  it('catches an import past another module’s index.ts', () => {
    const { violations } = buildGraph([
      { path: 'modules/cases/usecases/x.ts', text: "import { y } from '../../answers/answers.repository.ts';" },
    ]);
    expect(violations).toEqual([
      { file: 'modules/cases/usecases/x.ts', specifier: '../../answers/answers.repository.ts', rule: 'index-only' },
    ]);
  });

  it('lets table and repository files join another module’s table, but not a use case', () => {
    const { violations } = buildGraph([
      { path: 'modules/cases/cases.table.ts', text: "import { units } from '../units/units.table.ts';" },
      { path: 'modules/cases/cases.repository.ts', text: "import { units } from '../units/units.table.ts';" },
      { path: 'modules/cases/usecases/x.ts', text: "import { units } from '../../units/units.table.ts';" },
    ]);
    expect(violations.map((violation) => violation.file)).toEqual(['modules/cases/usecases/x.ts']);
  });

  it('catches the ORM outside repositories, tables and src/db', () => {
    const { violations } = buildGraph([
      { path: 'modules/cases/usecases/x.ts', text: "import { eq } from 'drizzle-orm';" },
      { path: 'modules/cases/cases.repository.ts', text: "import { eq } from 'drizzle-orm';" },
      { path: 'db/client.ts', text: "import { drizzle } from 'drizzle-orm/pglite';" },
    ]);
    expect(violations).toEqual([
      { file: 'modules/cases/usecases/x.ts', specifier: 'drizzle-orm', rule: 'orm-in-repositories' },
    ]);
  });

  it('finds a cycle between modules, also through a third one', () => {
    const { edges } = buildGraph([
      { path: 'modules/a/a.ts', text: "import { b } from '../b/index.ts';" },
      { path: 'modules/b/b.ts', text: "import { c } from '../c/index.ts';" },
      { path: 'modules/c/c.ts', text: "export { a } from '../a/index.ts';" },
      { path: 'modules/d/d.ts', text: "import type { a } from '../a/index.ts';" },
    ]);
    expect(cyclesOf(edges)).toEqual([['a', 'b', 'c']]);
  });
});
