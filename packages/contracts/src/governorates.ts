import { z } from 'zod';
import type { Language } from './enums.ts';

/** Tunisia's 24 governorates, keyed by their ISO 3166-2:TN code. */
export const GOVERNORATES = [
  { code: 'TN-11', ar: 'تونس', fr: 'Tunis', en: 'Tunis' },
  { code: 'TN-12', ar: 'أريانة', fr: 'Ariana', en: 'Ariana' },
  { code: 'TN-13', ar: 'بن عروس', fr: 'Ben Arous', en: 'Ben Arous' },
  { code: 'TN-14', ar: 'منوبة', fr: 'La Manouba', en: 'Manouba' },
  { code: 'TN-21', ar: 'نابل', fr: 'Nabeul', en: 'Nabeul' },
  { code: 'TN-22', ar: 'زغوان', fr: 'Zaghouan', en: 'Zaghouan' },
  { code: 'TN-23', ar: 'بنزرت', fr: 'Bizerte', en: 'Bizerte' },
  { code: 'TN-31', ar: 'باجة', fr: 'Béja', en: 'Beja' },
  { code: 'TN-32', ar: 'جندوبة', fr: 'Jendouba', en: 'Jendouba' },
  { code: 'TN-33', ar: 'الكاف', fr: 'Le Kef', en: 'Kef' },
  { code: 'TN-34', ar: 'سليانة', fr: 'Siliana', en: 'Siliana' },
  { code: 'TN-41', ar: 'القيروان', fr: 'Kairouan', en: 'Kairouan' },
  { code: 'TN-42', ar: 'القصرين', fr: 'Kasserine', en: 'Kasserine' },
  { code: 'TN-43', ar: 'سيدي بوزيد', fr: 'Sidi Bouzid', en: 'Sidi Bouzid' },
  { code: 'TN-51', ar: 'سوسة', fr: 'Sousse', en: 'Sousse' },
  { code: 'TN-52', ar: 'المنستير', fr: 'Monastir', en: 'Monastir' },
  { code: 'TN-53', ar: 'المهدية', fr: 'Mahdia', en: 'Mahdia' },
  { code: 'TN-61', ar: 'صفاقس', fr: 'Sfax', en: 'Sfax' },
  { code: 'TN-71', ar: 'قفصة', fr: 'Gafsa', en: 'Gafsa' },
  { code: 'TN-72', ar: 'توزر', fr: 'Tozeur', en: 'Tozeur' },
  { code: 'TN-73', ar: 'قبلي', fr: 'Kébili', en: 'Kebili' },
  { code: 'TN-81', ar: 'قابس', fr: 'Gabès', en: 'Gabes' },
  { code: 'TN-82', ar: 'مدنين', fr: 'Médenine', en: 'Medenine' },
  { code: 'TN-83', ar: 'تطاوين', fr: 'Tataouine', en: 'Tataouine' },
] as const satisfies ReadonlyArray<{ code: string } & Record<Language, string>>;

export const GOVERNORATE_CODES = GOVERNORATES.map((g) => g.code) as [
  (typeof GOVERNORATES)[number]['code'],
  ...(typeof GOVERNORATES)[number]['code'][],
];
export const governorateSchema = z.enum(GOVERNORATE_CODES);
export type GovernorateCode = z.infer<typeof governorateSchema>;
