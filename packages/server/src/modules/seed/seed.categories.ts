export interface SeedCategory {
  code: string;
  parentCode: string | null;
  ar: string;
  fr: string;
  en: string;
}

type Names = [ar: string, fr: string, en: string];

/** The service areas citizens choose from: root → sub-categories. Codes prefix their root's. */
const TREE: Array<[code: string, names: Names, children: Array<[code: string, names: Names]>]> = [
  [
    'health',
    ['الصحة', 'Santé', 'Health'],
    [
      [
        'health-hospitals',
        ['المستشفيات والمراكز الصحية', 'Hôpitaux et centres de santé', 'Hospitals and health centres'],
      ],
      ['health-medicines', ['الأدوية والصيدليات', 'Médicaments et pharmacies', 'Medicines and pharmacies']],
      ['health-insurance', ['التأمين على المرض', 'Assurance maladie', 'Health insurance']],
      [
        'health-hygiene',
        ['حفظ الصحة والمراقبة الصحية', 'Hygiène et contrôle sanitaire', 'Hygiene and health inspection'],
      ],
    ],
  ],
  [
    'education',
    ['التربية والتعليم', 'Éducation et enseignement', 'Education'],
    [
      ['education-schools', ['المدارس والمعاهد', 'Écoles, collèges et lycées', 'Schools']],
      ['education-exams', ['الامتحانات والتوجيه', 'Examens et orientation', 'Examinations and guidance']],
      [
        'education-higher',
        ['التعليم العالي والمنح الجامعية', 'Enseignement supérieur et bourses', 'Higher education and grants'],
      ],
      ['education-school-transport', ['النقل المدرسي', 'Transport scolaire', 'School transport']],
    ],
  ],
  [
    'transport',
    ['النقل', 'Transport', 'Transport'],
    [
      ['transport-public', ['النقل العمومي', 'Transports en commun', 'Public transport']],
      ['transport-rail', ['السكك الحديدية', 'Chemins de fer', 'Railways']],
      ['transport-taxis', ['سيارات الأجرة واللواج', 'Taxis et louages', 'Taxis and shared taxis']],
      [
        'transport-licences',
        [
          'رخص السياقة وتسجيل العربات',
          'Permis de conduire et immatriculation',
          'Driving licences and vehicle registration',
        ],
      ],
    ],
  ],
  [
    'water',
    ['الماء والتطهير', 'Eau et assainissement', 'Water and sanitation'],
    [
      ['water-supply', ['التزود بالماء الصالح للشرب', 'Approvisionnement en eau potable', 'Drinking water supply']],
      ['water-billing', ['فواتير الماء', "Factures d'eau", 'Water bills']],
      ['water-sanitation', ['التطهير وشبكات الصرف الصحي', 'Assainissement et égouts', 'Sanitation and sewers']],
      ['water-irrigation', ['مياه الري', "Eau d'irrigation", 'Irrigation water']],
    ],
  ],
  [
    'energy',
    ['الكهرباء والطاقة', 'Électricité et énergie', 'Electricity and energy'],
    [
      ['energy-outages', ['انقطاع التيار الكهربائي', "Coupures d'électricité", 'Power cuts']],
      ['energy-billing', ['فواتير الكهرباء والغاز', "Factures d'électricité et de gaz", 'Electricity and gas bills']],
      [
        'energy-connection',
        ['الربط بشبكتي الكهرباء والغاز', "Raccordement à l'électricité et au gaz", 'Electricity and gas connection'],
      ],
    ],
  ],
  [
    'municipal',
    ['الخدمات البلدية', 'Services municipaux', 'Municipal services'],
    [
      [
        'municipal-waste',
        ['النظافة ورفع الفضلات', 'Propreté et collecte des déchets', 'Cleanliness and waste collection'],
      ],
      ['municipal-roads', ['الطرقات والأرصفة', 'Voirie et trottoirs', 'Roads and pavements']],
      ['municipal-lighting', ['التنوير العمومي', 'Éclairage public', 'Street lighting']],
      ['municipal-permits', ['رخص البناء', 'Permis de bâtir', 'Building permits']],
      ['municipal-green-spaces', ['المساحات الخضراء', 'Espaces verts', 'Green spaces']],
      ['municipal-markets', ['الأسواق البلدية', 'Marchés municipaux', 'Municipal markets']],
    ],
  ],
  [
    'social',
    ['الشؤون الاجتماعية', 'Affaires sociales', 'Social affairs'],
    [
      ['social-assistance', ['المساعدات الاجتماعية', 'Aides sociales', 'Social assistance']],
      ['social-pensions', ['الجرايات والتقاعد', 'Pensions et retraites', 'Pensions and retirement']],
      ['social-security', ['الضمان الاجتماعي', 'Sécurité sociale', 'Social security']],
      [
        'social-disability',
        ['حقوق الأشخاص ذوي الإعاقة', 'Droits des personnes handicapées', 'Rights of persons with disabilities'],
      ],
    ],
  ],
  [
    'employment',
    ['التشغيل', 'Emploi', 'Employment'],
    [
      ['employment-job-seekers', ['طالبو الشغل', "Demandeurs d'emploi", 'Job seekers']],
      ['employment-training', ['التكوين المهني', 'Formation professionnelle', 'Vocational training']],
      ['employment-labour-disputes', ['نزاعات الشغل', 'Conflits du travail', 'Labour disputes']],
      [
        'employment-public-recruitment',
        ['الانتدابات في الوظيفة العمومية', 'Recrutement dans la fonction publique', 'Public sector recruitment'],
      ],
    ],
  ],
  [
    'taxes',
    ['الجباية والأداءات', 'Fiscalité et impôts', 'Taxes'],
    [
      ['taxes-income', ['الضريبة على الدخل', 'Impôt sur le revenu', 'Income tax']],
      ['taxes-local', ['الأداءات البلدية', 'Taxes municipales', 'Local taxes']],
      ['taxes-customs', ['الديوانة', 'Douane', 'Customs']],
    ],
  ],
  [
    'land',
    ['العقارات وأملاك الدولة', "Foncier et domaines de l'État", 'Land and property'],
    [
      ['land-registration', ['التسجيل العقاري', 'Immatriculation foncière', 'Land registration']],
      ['land-state-property', ['أملاك الدولة', "Domaines de l'État", 'State property']],
      [
        'land-expropriation',
        ['الانتزاع من أجل المصلحة العامة', "Expropriation pour cause d'utilité publique", 'Expropriation'],
      ],
      ['land-housing', ['السكن الاجتماعي', 'Logement social', 'Social housing']],
    ],
  ],
  [
    'environment',
    ['البيئة', 'Environnement', 'Environment'],
    [
      ['environment-pollution', ['التلوث', 'Pollution', 'Pollution']],
      ['environment-coast', ['حماية الشريط الساحلي', 'Protection du littoral', 'Coastal protection']],
      ['environment-forests', ['الغابات', 'Forêts', 'Forests']],
      ['environment-noise', ['الضجيج', 'Nuisances sonores', 'Noise']],
    ],
  ],
  [
    'integrity',
    ['الفساد والنزاهة', 'Corruption et intégrité', 'Corruption and integrity'],
    [
      ['integrity-bribery', ['الرشوة', 'Pots-de-vin', 'Bribery']],
      ['integrity-procurement', ['الصفقات العمومية', 'Marchés publics', 'Public procurement']],
      ['integrity-abuse-of-office', ['استغلال النفوذ', 'Abus de fonction', 'Abuse of office']],
      ['integrity-public-funds', ['التصرف في المال العام', 'Gestion des deniers publics', 'Misuse of public funds']],
    ],
  ],
  [
    'safety',
    ['السلامة العامة', 'Sécurité publique', 'Public safety'],
    [
      ['safety-buildings', ['البنايات المتداعية للسقوط', 'Bâtiments menaçant ruine', 'Unsafe buildings']],
      ['safety-food', ['سلامة المواد الغذائية', 'Sécurité des aliments', 'Food safety']],
      ['safety-road', ['السلامة المرورية', 'Sécurité routière', 'Road safety']],
      ['safety-civil-protection', ['الحماية المدنية', 'Protection civile', 'Civil protection']],
    ],
  ],
  [
    'administration',
    ['الخدمات الإدارية', 'Services administratifs', 'Administrative services'],
    [
      ['administration-civil-status', ['الحالة المدنية', 'État civil', 'Civil status']],
      [
        'administration-id-documents',
        [
          'بطاقة التعريف الوطنية وجواز السفر',
          "Carte d'identité nationale et passeport",
          'National ID card and passport',
        ],
      ],
      [
        'administration-certificates',
        [
          'الشهادات والوثائق الإدارية',
          'Certificats et documents administratifs',
          'Certificates and official documents',
        ],
      ],
      [
        'administration-online',
        ['الخدمات الإدارية عن بعد', 'Services administratifs en ligne', 'Online public services'],
      ],
      [
        'administration-reception',
        ['حسن الاستقبال والإرشاد', 'Accueil et orientation des usagers', 'Reception and guidance'],
      ],
    ],
  ],
];

/** Roots first, then each root's children. */
export const SEED_CATEGORIES: readonly SeedCategory[] = [
  ...TREE.map(([code, [ar, fr, en]]) => ({ code, parentCode: null, ar, fr, en })),
  ...TREE.flatMap(([parentCode, , children]) =>
    children.map(([code, [ar, fr, en]]) => ({ code, parentCode, ar, fr, en })),
  ),
];
