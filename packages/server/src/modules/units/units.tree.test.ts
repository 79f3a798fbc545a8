import { describe, expect, it } from 'vitest';
import { buildUnitTree, reachableUnitIds, reaches } from './units.tree.ts';

//   ministry ─┬─ directorate ── office
//             └─ region
//   other
const tree = buildUnitTree([
  { id: 'ministry', parentId: null },
  { id: 'directorate', parentId: 'ministry' },
  { id: 'office', parentId: 'directorate' },
  { id: 'region', parentId: 'ministry' },
  { id: 'other', parentId: null },
]);

describe('unit tree and reach', () => {
  it('answers a unit with its ancestors, nearest first', () => {
    expect(tree.pathOf('office')).toEqual(['office', 'directorate', 'ministry']);
    expect(tree.pathOf('missing')).toEqual([]);
    expect(tree.isWithin('office', 'ministry')).toBe(true);
    expect(tree.isWithin('ministry', 'office')).toBe(false);
    expect(tree.subtreeOf('directorate').sort()).toEqual(['directorate', 'office']);
  });

  it('scope unit reaches its own unit only, not the units below', () => {
    const assignment = { unitId: 'directorate', scope: 'unit' as const };
    expect(reaches(assignment, tree.pathOf('directorate'))).toBe(true);
    expect(reaches(assignment, tree.pathOf('office'))).toBe(false);
    expect(reaches(assignment, tree.pathOf('ministry'))).toBe(false);
  });

  it('scope subtree reaches its unit and every descendant, never a parent or a sibling', () => {
    const assignment = { unitId: 'directorate', scope: 'subtree' as const };
    expect(reaches(assignment, tree.pathOf('directorate'))).toBe(true);
    expect(reaches(assignment, tree.pathOf('office'))).toBe(true);
    expect(reaches(assignment, tree.pathOf('ministry'))).toBe(false);
    expect(reaches(assignment, tree.pathOf('region'))).toBe(false);
  });

  it('scope all reaches everything, including the top of the tree; no other scope does', () => {
    expect(reaches({ unitId: 'office', scope: 'all' }, tree.pathOf('other'))).toBe(true);
    expect(reaches({ unitId: 'office', scope: 'all' }, [])).toBe(true);
    expect(reaches({ unitId: 'ministry', scope: 'subtree' }, [])).toBe(false);
  });

  it('lists the reachable units of several assignments for SQL filters', () => {
    const ids = reachableUnitIds(
      [
        { unitId: 'directorate', scope: 'subtree' },
        { unitId: 'other', scope: 'unit' },
      ],
      tree,
    );
    expect(ids).toEqual(new Set(['directorate', 'office', 'other']));
    expect(reachableUnitIds([{ unitId: 'office', scope: 'all' }], tree)).toBe('all');
  });

  it('survives a cyclic table without looping', () => {
    const cyclic = buildUnitTree([
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
    ]);
    expect(cyclic.pathOf('a').length).toBeLessThanOrEqual(3);
    expect(cyclic.subtreeOf('a').sort()).toEqual(['a', 'b']);
  });
});
