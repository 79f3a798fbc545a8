import { GOVERNORATES, type RequestType } from '@epeople/contracts';
import { CENTRAL_OFFICE_CODE } from '../units/index.ts';

/** A rule by codes; resolved to ids when seeded. A missing criterion matches anything. */
export interface SeedRoutingRule {
  requestType?: RequestType;
  category?: string;
  governorate?: string;
  unit: string;
}

/** Each service area goes to the ministry or public body that runs it. */
const BY_CATEGORY: SeedRoutingRule[] = [
  { category: 'health', unit: 'min-health' },
  { category: 'health-insurance', unit: 'cnam' },
  { category: 'health-hygiene', unit: 'min-health-dg-health' },
  { category: 'education', unit: 'min-education' },
  { category: 'education-higher', unit: 'min-higher-education' },
  { category: 'transport', unit: 'min-transport' },
  { category: 'transport-rail', unit: 'sncft' },
  { category: 'water', unit: 'min-agriculture' },
  { category: 'water-supply', unit: 'sonede' },
  { category: 'water-billing', unit: 'sonede' },
  { category: 'water-sanitation', unit: 'onas' },
  { category: 'energy', unit: 'steg' },
  { category: 'municipal', unit: 'min-interior-dg-local-authorities' },
  { category: 'social', unit: 'min-social-affairs' },
  { category: 'social-pensions', unit: 'cnrps' },
  { category: 'social-security', unit: 'cnss' },
  { category: 'employment', unit: 'min-employment' },
  { category: 'employment-job-seekers', unit: 'aneti' },
  { category: 'taxes', unit: 'min-finance-dg-taxes' },
  { category: 'taxes-customs', unit: 'min-finance-dg-customs' },
  { category: 'land', unit: 'min-state-domains' },
  { category: 'land-registration', unit: 'onpf' },
  { category: 'land-housing', unit: 'min-equipment' },
  { category: 'environment', unit: 'min-environment' },
  { category: 'safety', unit: 'min-interior' },
  { category: 'safety-food', unit: 'min-commerce-dg-economic-control' },
  { category: 'safety-civil-protection', unit: 'onpc' },
  { category: 'administration-id-documents', unit: 'min-interior-dg-national-security' },
];

/** Some requests are handled where they arise, or by a type-specific desk. */
const SPECIFIC: SeedRoutingRule[] = [
  { requestType: 'petition', category: 'health', unit: 'min-health' },
  { requestType: 'guidance', category: 'health', unit: 'min-health' },
  { category: 'health', governorate: 'TN-11', unit: 'min-health-drs-tn-11' },
  { category: 'health', governorate: 'TN-61', unit: 'min-health-drs-tn-61' },
  { category: 'education', governorate: 'TN-61', unit: 'min-education-dre-tn-61' },
  { category: 'transport-public', governorate: 'TN-11', unit: 'transtu' },
  // Corruption notices go straight to the central office, outside the agency concerned.
  { requestType: 'notice', category: 'integrity', unit: CENTRAL_OFFICE_CODE },
];

/** Local matters go to the governorate's municipality; anything else local to its CRO. */
const BY_GOVERNORATE: SeedRoutingRule[] = GOVERNORATES.flatMap((g) => {
  const suffix = g.code.toLowerCase();
  return [
    { category: 'municipal', governorate: g.code, unit: `mun-${suffix}` },
    { category: 'taxes-local', governorate: g.code, unit: `mun-${suffix}` },
    { category: 'administration-civil-status', governorate: g.code, unit: `mun-${suffix}` },
    { governorate: g.code, unit: `cro-${suffix}` },
  ];
});

export const SEED_ROUTING_RULES: readonly SeedRoutingRule[] = [...BY_CATEGORY, ...SPECIFIC, ...BY_GOVERNORATE];
