import { REQUEST_TYPES } from '@epeople/contracts';
import type { TFunction } from 'i18next';

export function requestTypeOptions(t: TFunction) {
  return REQUEST_TYPES.map((type) => ({ value: type, label: t(`admin.requestTypes.${type}`) }));
}
