import type { RequestType } from '@epeople/contracts';
import type { UnitTree } from '../units/index.ts';
import type { DeadlineRule } from './calendar.deadlines.ts';

export type Milestone = 'acknowledge' | 'answer';

export interface DefaultDeadline extends DeadlineRule {
  requestType: RequestType;
  milestone: Milestone;
}

/**
 * docs/PRODUCT.md §4.2. "Working days" where the design says so; the suggestion's decision "in 30 days"
 * and the notice's conclusion "in 90 days" are calendar days (as the law's plain "days" are),
 * due at the close of the last day or of the next working day when it is a day off.
 * Only the notice has an acknowledgement deadline.
 */
export const DEFAULT_DEADLINES: readonly DefaultDeadline[] = [
  { requestType: 'petition', milestone: 'answer', days: 14, dayKind: 'working' },
  { requestType: 'guidance', milestone: 'answer', days: 7, dayKind: 'working' },
  { requestType: 'suggestion', milestone: 'answer', days: 30, dayKind: 'calendar' },
  { requestType: 'notice', milestone: 'acknowledge', days: 3, dayKind: 'working' },
  { requestType: 'notice', milestone: 'answer', days: 90, dayKind: 'calendar' },
];

export function defaultDeadlineOf(requestType: RequestType, milestone: Milestone): DefaultDeadline | undefined {
  return DEFAULT_DEADLINES.find((rule) => rule.requestType === requestType && rule.milestone === milestone);
}

/** An administrator's override: national when `unitId` is null, else for a unit and below. */
export interface DeadlineOverride extends DeadlineRule {
  id: string;
  unitId: string | null;
  requestType: RequestType;
  milestone: Milestone;
}

export interface ResolvedDeadline extends DeadlineRule {
  /** Where the rule comes from: the default, a national override, or a unit's (the nearest). */
  source:
    | { kind: 'default' }
    | { kind: 'national'; overrideId: string }
    | { kind: 'unit'; overrideId: string; unitId: string };
}

/**
 * The deadline settings in memory: the overrides and the unit tree, so resolving a case's rule
 * costs no query. The nearest unit override on the way up the tree wins, then the national one,
 * then the default.
 */
export interface DeadlineSettings {
  readonly overrides: readonly DeadlineOverride[];
  /** The rule for a case of this type in this unit (null: not routed yet, the national rule). */
  ruleFor(args: {
    requestType: RequestType;
    milestone?: Milestone;
    unitId: string | null;
  }): ResolvedDeadline | undefined;
}

export function createDeadlineSettings({
  overrides,
  unitTree,
}: {
  overrides: readonly DeadlineOverride[];
  unitTree: Pick<UnitTree, 'pathOf'>;
}): DeadlineSettings {
  const byKey = new Map<string, DeadlineOverride>();
  for (const override of overrides) {
    byKey.set(`${override.unitId ?? ''}|${override.requestType}|${override.milestone}`, override);
  }
  return {
    overrides,
    ruleFor({ requestType, milestone = 'answer', unitId: caseUnitId }) {
      for (const unitId of caseUnitId ? unitTree.pathOf(caseUnitId) : []) {
        const override = byKey.get(`${unitId}|${requestType}|${milestone}`);
        if (override) {
          return {
            days: override.days,
            dayKind: override.dayKind,
            source: { kind: 'unit', overrideId: override.id, unitId },
          };
        }
      }
      const national = byKey.get(`|${requestType}|${milestone}`);
      if (national)
        return {
          days: national.days,
          dayKind: national.dayKind,
          source: { kind: 'national', overrideId: national.id },
        };
      const fallback = defaultDeadlineOf(requestType, milestone);
      return fallback ? { days: fallback.days, dayKind: fallback.dayKind, source: { kind: 'default' } } : undefined;
    },
  };
}
