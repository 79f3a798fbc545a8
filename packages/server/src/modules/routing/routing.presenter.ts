import type { GovernorateCode, RoutingRule } from '@epeople/contracts';
import type { RoutingRuleRow } from './routing.repository.ts';

export function toRoutingRuleDto(row: RoutingRuleRow): RoutingRule {
  return {
    id: row.id,
    requestType: row.requestType,
    categoryId: row.categoryId,
    governorate: row.governorate as GovernorateCode | null,
    unitId: row.unitId,
  };
}
