import { GOVERNORATES, type UnitKind } from '@epeople/contracts';
import { CENTRAL_OFFICE_CODE } from '../units/index.ts';

export interface SeedUnit {
  code: string;
  parentCode: string | null;
  kind: UnitKind;
  ar: string;
  fr: string;
  en: string;
  governorate: string | null;
}

const unit = (
  code: string,
  parentCode: string | null,
  kind: UnitKind,
  [ar, fr, en]: [string, string, string],
  governorate: string | null = null,
): SeedUnit => ({ code, parentCode, kind, ar, fr, en, governorate });

/** The government's ministries (2024–2025 structure), each a root of its own tree. */
const MINISTRIES: Array<[string, [string, string, string]]> = [
  ['min-interior', ['وزارة الداخلية', "Ministère de l'Intérieur", 'Ministry of the Interior']],
  ['min-defence', ['وزارة الدفاع الوطني', 'Ministère de la Défense nationale', 'Ministry of National Defence']],
  ['min-justice', ['وزارة العدل', 'Ministère de la Justice', 'Ministry of Justice']],
  [
    'min-foreign-affairs',
    [
      'وزارة الشؤون الخارجية والهجرة والتونسيين بالخارج',
      "Ministère des Affaires étrangères, de la Migration et des Tunisiens à l'étranger",
      'Ministry of Foreign Affairs, Migration and Tunisians Abroad',
    ],
  ],
  ['min-finance', ['وزارة المالية', 'Ministère des Finances', 'Ministry of Finance']],
  [
    'min-economy',
    ['وزارة الاقتصاد والتخطيط', "Ministère de l'Économie et de la Planification", 'Ministry of Economy and Planning'],
  ],
  ['min-health', ['وزارة الصحة', 'Ministère de la Santé', 'Ministry of Health']],
  ['min-education', ['وزارة التربية', "Ministère de l'Éducation", 'Ministry of Education']],
  [
    'min-higher-education',
    [
      'وزارة التعليم العالي والبحث العلمي',
      "Ministère de l'Enseignement supérieur et de la Recherche scientifique",
      'Ministry of Higher Education and Scientific Research',
    ],
  ],
  ['min-social-affairs', ['وزارة الشؤون الاجتماعية', 'Ministère des Affaires sociales', 'Ministry of Social Affairs']],
  [
    'min-employment',
    [
      'وزارة التشغيل والتكوين المهني',
      "Ministère de l'Emploi et de la Formation professionnelle",
      'Ministry of Employment and Vocational Training',
    ],
  ],
  [
    'min-agriculture',
    [
      'وزارة الفلاحة والموارد المائية والصيد البحري',
      "Ministère de l'Agriculture, des Ressources hydrauliques et de la Pêche maritime",
      'Ministry of Agriculture, Water Resources and Fisheries',
    ],
  ],
  [
    'min-industry',
    [
      'وزارة الصناعة والمناجم والطاقة',
      "Ministère de l'Industrie, des Mines et de l'Énergie",
      'Ministry of Industry, Mines and Energy',
    ],
  ],
  [
    'min-commerce',
    [
      'وزارة التجارة وتنمية الصادرات',
      'Ministère du Commerce et du Développement des exportations',
      'Ministry of Commerce and Export Development',
    ],
  ],
  [
    'min-equipment',
    ['وزارة التجهيز والإسكان', "Ministère de l'Équipement et de l'Habitat", 'Ministry of Equipment and Housing'],
  ],
  ['min-transport', ['وزارة النقل', 'Ministère du Transport', 'Ministry of Transport']],
  [
    'min-communication-technologies',
    [
      'وزارة تكنولوجيات الاتصال',
      'Ministère des Technologies de la communication',
      'Ministry of Communication Technologies',
    ],
  ],
  ['min-environment', ['وزارة البيئة', "Ministère de l'Environnement", 'Ministry of the Environment']],
  ['min-tourism', ['وزارة السياحة', 'Ministère du Tourisme', 'Ministry of Tourism']],
  ['min-culture', ['وزارة الشؤون الثقافية', 'Ministère des Affaires culturelles', 'Ministry of Cultural Affairs']],
  [
    'min-youth-sports',
    ['وزارة الشباب والرياضة', 'Ministère de la Jeunesse et des Sports', 'Ministry of Youth and Sports'],
  ],
  [
    'min-family',
    [
      'وزارة الأسرة والمرأة والطفولة وكبار السن',
      "Ministère de la Famille, de la Femme, de l'Enfance et des Seniors",
      'Ministry of Family, Women, Children and Seniors',
    ],
  ],
  [
    'min-religious-affairs',
    ['وزارة الشؤون الدينية', 'Ministère des Affaires religieuses', 'Ministry of Religious Affairs'],
  ],
  [
    'min-state-domains',
    [
      'وزارة أملاك الدولة والشؤون العقارية',
      "Ministère des Domaines de l'État et des Affaires foncières",
      'Ministry of State Domains and Land Affairs',
    ],
  ],
];

/** Directorates and public bodies under some ministries: where routing sends specific matters. */
const UNDER_MINISTRIES: SeedUnit[] = [
  unit('min-interior-dg-local-authorities', 'min-interior', 'directorate', [
    'الإدارة العامة للجماعات المحلية',
    'Direction générale des collectivités locales',
    'General Directorate of Local Authorities',
  ]),
  unit('min-interior-dg-national-security', 'min-interior', 'directorate', [
    'الإدارة العامة للأمن الوطني',
    'Direction générale de la sûreté nationale',
    'General Directorate of National Security',
  ]),
  unit('onpc', 'min-interior', 'public_body', [
    'الديوان الوطني للحماية المدنية',
    'Office national de la protection civile',
    'National Civil Protection Office',
  ]),
  unit('min-finance-dg-taxes', 'min-finance', 'directorate', [
    'الإدارة العامة للأداءات',
    'Direction générale des impôts',
    'General Directorate of Taxes',
  ]),
  unit('min-finance-dg-customs', 'min-finance', 'directorate', [
    'الإدارة العامة للديوانة',
    'Direction générale des douanes',
    'General Directorate of Customs',
  ]),
  unit('min-health-dg-health', 'min-health', 'directorate', [
    'الإدارة العامة للصحة',
    'Direction générale de la santé',
    'General Directorate of Health',
  ]),
  unit(
    'min-health-drs-tn-11',
    'min-health',
    'directorate',
    ['الإدارة الجهوية للصحة بتونس', 'Direction régionale de la santé de Tunis', 'Regional Health Directorate of Tunis'],
    'TN-11',
  ),
  unit(
    'min-health-drs-tn-61',
    'min-health',
    'directorate',
    ['الإدارة الجهوية للصحة بصفاقس', 'Direction régionale de la santé de Sfax', 'Regional Health Directorate of Sfax'],
    'TN-61',
  ),
  unit(
    'chu-habib-bourguiba-sfax',
    'min-health-drs-tn-61',
    'public_body',
    [
      'المستشفى الجامعي الحبيب بورقيبة بصفاقس',
      'Centre hospitalo-universitaire Habib Bourguiba de Sfax',
      'Habib Bourguiba University Hospital, Sfax',
    ],
    'TN-61',
  ),
  unit(
    'min-education-dre-tn-61',
    'min-education',
    'directorate',
    [
      'الإدارة الجهوية للتربية بصفاقس',
      "Direction régionale de l'éducation de Sfax",
      'Regional Education Directorate of Sfax',
    ],
    'TN-61',
  ),
  unit('min-commerce-dg-economic-control', 'min-commerce', 'directorate', [
    'الإدارة العامة للمراقبة الاقتصادية',
    'Direction générale du contrôle économique',
    'General Directorate of Economic Control',
  ]),
  unit('cnam', 'min-social-affairs', 'public_body', [
    'الصندوق الوطني للتأمين على المرض',
    "Caisse nationale d'assurance maladie (CNAM)",
    'National Health Insurance Fund (CNAM)',
  ]),
  unit('cnss', 'min-social-affairs', 'public_body', [
    'الصندوق الوطني للضمان الاجتماعي',
    'Caisse nationale de sécurité sociale (CNSS)',
    'National Social Security Fund (CNSS)',
  ]),
  unit('cnrps', 'min-social-affairs', 'public_body', [
    'الصندوق الوطني للتقاعد والحيطة الاجتماعية',
    'Caisse nationale de retraite et de prévoyance sociale (CNRPS)',
    'National Pension and Social Welfare Fund (CNRPS)',
  ]),
  unit('aneti', 'min-employment', 'public_body', [
    'الوكالة الوطنية للتشغيل والعمل المستقل',
    "Agence nationale pour l'emploi et le travail indépendant (ANETI)",
    'National Agency for Employment and Self-Employment (ANETI)',
  ]),
  unit('sonede', 'min-agriculture', 'public_body', [
    'الشركة الوطنية لاستغلال وتوزيع المياه',
    "Société nationale d'exploitation et de distribution des eaux (SONEDE)",
    'National Water Distribution Company (SONEDE)',
  ]),
  unit('steg', 'min-industry', 'public_body', [
    'الشركة التونسية للكهرباء والغاز',
    "Société tunisienne de l'électricité et du gaz (STEG)",
    'Tunisian Electricity and Gas Company (STEG)',
  ]),
  unit('onas', 'min-environment', 'public_body', [
    'الديوان الوطني للتطهير',
    "Office national de l'assainissement (ONAS)",
    'National Sanitation Office (ONAS)',
  ]),
  unit(
    'transtu',
    'min-transport',
    'public_body',
    ['شركة نقل تونس', 'Société des transports de Tunis (Transtu)', 'Tunis Transport Company (Transtu)'],
    'TN-11',
  ),
  unit('sncft', 'min-transport', 'public_body', [
    'الشركة الوطنية للسكك الحديدية التونسية',
    'Société nationale des chemins de fer tunisiens (SNCFT)',
    'Tunisian National Railways (SNCFT)',
  ]),
  unit('onpf', 'min-state-domains', 'public_body', [
    'الديوان الوطني للملكية العقارية',
    'Office national de la propriété foncière',
    'National Land Property Office',
  ]),
];

/** "de Tunis", "de l'Ariana", "du Kef", "de la Manouba": French needs the article. */
function frenchOf(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('La ')) return `de la ${name.slice(3)}`;
  if (/^[AEIOUÉ]/.test(name)) return `de l'${name}`;
  return `de ${name}`;
}

/** Each governorate, its regional citizen relations office, and the municipality of its capital. */
const GOVERNORATE_UNITS: SeedUnit[] = GOVERNORATES.flatMap((g) => {
  const suffix = g.code.toLowerCase();
  return [
    unit(
      `gov-${suffix}`,
      null,
      'governorate',
      [`ولاية ${g.ar}`, `Gouvernorat ${frenchOf(g.fr)}`, `${g.en} Governorate`],
      g.code,
    ),
    unit(
      `cro-${suffix}`,
      `gov-${suffix}`,
      'citizen_relations_office',
      [
        `مكتب العلاقات مع المواطن بولاية ${g.ar}`,
        `Bureau des relations avec le citoyen du gouvernorat ${frenchOf(g.fr)}`,
        `Citizen Relations Office, ${g.en} Governorate`,
      ],
      g.code,
    ),
    unit(
      `mun-${suffix}`,
      `gov-${suffix}`,
      'municipality',
      [`بلدية ${g.ar}`, `Municipalité ${frenchOf(g.fr)}`, `Municipality of ${g.en}`],
      g.code,
    ),
  ];
});

/** Parents come before children, so one pass in order can resolve every parent code. */
export const SEED_UNITS: readonly SeedUnit[] = [
  unit('presidency-government', null, 'public_body', [
    'رئاسة الحكومة',
    'Présidence du gouvernement',
    'Presidency of the Government',
  ]),
  unit(CENTRAL_OFFICE_CODE, 'presidency-government', 'central_office', [
    'المكتب المركزي للعلاقات مع المواطن',
    'Bureau central des relations avec le citoyen',
    'Central Citizen Relations Office',
  ]),
  ...MINISTRIES.map(([code, names]) => unit(code, null, 'ministry', names)),
  ...UNDER_MINISTRIES,
  ...GOVERNORATE_UNITS,
];
