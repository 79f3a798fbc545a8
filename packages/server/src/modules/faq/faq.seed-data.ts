/** National FAQ entries shipped with ePeople (central office), published; administrators edit them. */
export interface SeedFaqEntry {
  key: string;
  categoryCode: string | null;
  question: [ar: string, fr: string, en: string];
  answer: [ar: string, fr: string, en: string];
}

export const FAQ_SEED_VERSION = 1;

export const SEED_FAQ: readonly SeedFaqEntry[] = [
  {
    key: 'track-request',
    categoryCode: null,
    question: [
      'كيف أتابع مطلبي بعد إيداعه؟',
      'Comment suivre ma demande après l’avoir déposée ?',
      'How do I follow my request after filing it?',
    ],
    answer: [
      'ادخل إلى حسابك واطّلع على قائمة مطالبك، أو استعمل رقم المرجع ورمز النفاذ اللذين تحصّلت عليهما عند الإيداع في صفحة المتابعة.',
      'Connectez-vous à votre compte et ouvrez la liste de vos demandes, ou utilisez la référence et le code d’accès reçus lors du dépôt sur la page de suivi.',
      'Sign in and open the list of your requests, or use the reference and access code you received when filing on the tracking page.',
    ],
  },
  {
    key: 'lost-access-code',
    categoryCode: null,
    question: [
      'أضعت رمز النفاذ، ماذا أفعل؟',
      'J’ai perdu mon code d’accès, que faire ?',
      'I lost my access code. What can I do?',
    ],
    answer: [
      'لا يمكن استرجاع رمز النفاذ لأنه لا يُحفظ إلا في شكل مشفّر. إن قدّمت بريدًا إلكترونيًا أو هاتفًا عند الإيداع فستجده في رسالة الإشعار بالاستلام.',
      'Le code d’accès ne peut pas être retrouvé : il n’est conservé que sous forme chiffrée. Si vous avez indiqué un e-mail ou un téléphone, il figure dans l’accusé de réception.',
      'The access code cannot be recovered: only a hash of it is kept. If you gave an e-mail address or phone number, it is in the acknowledgement message.',
    ],
  },
  {
    key: 'national-id-card',
    categoryCode: 'administration-civil-status',
    question: [
      'ما هي الوثائق المطلوبة لاستخراج بطاقة التعريف الوطنية؟',
      'Quels documents pour obtenir la carte d’identité nationale ?',
      'Which documents are needed for a national identity card?',
    ],
    answer: [
      'تُقدَّم المطالب بمركز الشرطة أو الحرس الوطني القريب من مقر السكنى، مع مضمون ولادة حديث وصورتين شمسيتين وشهادة إقامة ووصل خلاص المعلوم الجبائي.',
      'La demande se dépose au poste de police ou de garde nationale de votre domicile, avec un extrait de naissance récent, deux photos d’identité, un certificat de résidence et le reçu du timbre fiscal.',
      'Apply at the police or national guard station of your home area with a recent birth certificate, two photos, a certificate of residence and the tax stamp receipt.',
    ],
  },
  {
    key: 'birth-certificate',
    categoryCode: 'administration-civil-status',
    question: [
      'كيف أتحصّل على مضمون ولادة؟',
      'Comment obtenir un extrait de naissance ?',
      'How do I get a birth certificate?',
    ],
    answer: [
      'يُسلَّم مضمون الولادة بأي بلدية أو دائرة بلدية بتقديم بطاقة التعريف، ويمكن طلبه أيضًا عبر الخدمات البلدية عن بعد.',
      'L’extrait de naissance est délivré par toute municipalité ou arrondissement municipal sur présentation de la carte d’identité ; il peut aussi être demandé en ligne.',
      'Any municipality or municipal district issues birth certificates on presentation of your identity card; you can also request one online.',
    ],
  },
  {
    key: 'building-permit',
    categoryCode: 'municipal-permits',
    question: [
      'ما هي آجال الحصول على رخصة البناء؟',
      'Quel est le délai pour obtenir un permis de bâtir ?',
      'How long does a building permit take?',
    ],
    answer: [
      'تبتّ البلدية في مطلب رخصة البناء في أجل أقصاه شهران من تاريخ إيداع ملف كامل. وإن تجاوزت الأجل دون رد يمكنك تقديم عريضة.',
      'La municipalité statue sur la demande de permis de bâtir dans un délai de deux mois à compter du dépôt d’un dossier complet. Sans réponse dans ce délai, vous pouvez déposer une requête.',
      'The municipality decides on a building permit within two months of a complete application. Without an answer by then, you may file a petition.',
    ],
  },
  {
    key: 'water-bill',
    categoryCode: 'water-billing',
    question: [
      'فاتورة الماء مرتفعة بشكل غير عادي، كيف أعترض؟',
      'Ma facture d’eau est anormalement élevée, comment contester ?',
      'My water bill is unusually high. How do I dispute it?',
    ],
    answer: [
      'تقدّم أولًا باعتراض لدى الإقليم التجاري للشركة الوطنية لاستغلال وتوزيع المياه مع نسخة من الفاتورة وقراءة العداد. إن لم تتلقّ ردًا في أجل شهر، أودع عريضة هنا مع إرفاق الاعتراض.',
      'Contestez d’abord auprès du district commercial de la SONEDE avec une copie de la facture et le relevé du compteur. Sans réponse sous un mois, déposez ici une requête en joignant votre réclamation.',
      'First dispute it with your SONEDE commercial district, with a copy of the bill and the meter reading. Without an answer within a month, file a petition here and attach your complaint.',
    ],
  },
  {
    key: 'power-outage',
    categoryCode: 'energy-outages',
    question: [
      'انقطاع متكرر للتيار الكهربائي في حيّنا، لمن أتوجه؟',
      'Coupures d’électricité répétées dans mon quartier : à qui m’adresser ?',
      'Repeated power cuts in my neighbourhood: whom do I contact?',
    ],
    answer: [
      'أبلغ عن الانقطاع عبر الرقم الأخضر للشركة التونسية للكهرباء والغاز. إن تواصلت الانقطاعات، أودع عريضة مع ذكر التواريخ والمدة لتُحال إلى الإقليم المختص.',
      'Signalez la coupure au numéro vert de la STEG. Si elles se répètent, déposez une requête en indiquant les dates et les durées : elle sera transmise au district compétent.',
      'Report the outage to STEG’s free number. If it keeps happening, file a petition with the dates and durations; it goes to the competent district.',
    ],
  },
  {
    key: 'health-reimbursement',
    categoryCode: 'health-insurance',
    question: [
      'تأخر استرجاع مصاريف العلاج من الصندوق الوطني للتأمين على المرض',
      'Retard de remboursement des frais de soins par la CNAM',
      'Late reimbursement of medical costs by CNAM',
    ],
    answer: [
      'يتم الاسترجاع عادة في أجل 30 يومًا من إيداع بطاقة العلاج. تثبّت من حالة الملف لدى المركز الجهوي، ثم أودع عريضة مع رقم المنخرط ونسخة من وصل الإيداع.',
      'Le remboursement intervient en principe dans les 30 jours suivant le dépôt du bulletin de soins. Vérifiez l’état du dossier auprès du centre régional, puis déposez une requête avec votre numéro d’affilié et le reçu de dépôt.',
      'Reimbursement normally comes within 30 days of handing in the care form. Check the file at the regional centre, then file a petition with your member number and the receipt.',
    ],
  },
  {
    key: 'school-enrolment',
    categoryCode: 'education-schools',
    question: [
      'كيف أسجّل ابني في المدرسة الابتدائية؟',
      'Comment inscrire mon enfant à l’école primaire ?',
      'How do I enrol my child in primary school?',
    ],
    answer: [
      'يتم التسجيل في السنة الأولى عن بعد خلال الفترة التي تعلنها وزارة التربية، ثم يُستكمل الملف لدى المدرسة بمضمون ولادة وشهادة طبية.',
      'L’inscription en première année se fait en ligne pendant la période annoncée par le ministère de l’Éducation, puis le dossier est complété à l’école avec un extrait de naissance et un certificat médical.',
      'First-year enrolment is online during the period announced by the Ministry of Education; the file is then completed at the school with a birth certificate and a medical certificate.',
    ],
  },
  {
    key: 'report-corruption',
    categoryCode: 'integrity-bribery',
    question: [
      'هل يمكنني الإبلاغ عن رشوة دون الكشف عن هويتي؟',
      'Puis-je signaler un pot-de-vin sans révéler mon identité ?',
      'Can I report a bribe without revealing my identity?',
    ],
    answer: [
      'نعم. اختر «إشعار» ثم «دون هوية»: تحصل على رقم مرجع ورمز نفاذ تتابع بهما الإشعار وتتحاور مع المكلّف بالملف. إن قدّمت هويتك فهي تُحفظ مشفّرة ولا تُكشف إلا بموافقتك.',
      'Oui. Choisissez « Signalement » puis « anonyme » : vous recevez une référence et un code d’accès pour suivre le signalement et échanger avec l’agent. Si vous donnez votre identité, elle est chiffrée et n’est révélée qu’avec votre accord.',
      'Yes. Choose "Notice" then "anonymous": you get a reference and an access code to follow the notice and talk with the handler. An identity you give is stored encrypted and revealed only with your consent.',
    ],
  },
  {
    key: 'noise-complaint',
    categoryCode: 'environment-noise',
    question: [
      'ضجيج ليلي متواصل من محل تجاري قرب منزلي',
      'Bruit nocturne continu d’un commerce près de chez moi',
      'Continuous night-time noise from a shop near my home',
    ],
    answer: [
      'الضجيج من اختصاص الشرطة البلدية. أودع عريضة في صنف «الضجيج» مع العنوان والأوقات، ويمكنك إرفاق صور أو تسجيلات.',
      'Le bruit relève de la police municipale. Déposez une requête dans la catégorie « Bruit » avec l’adresse et les horaires ; vous pouvez joindre des photos ou des enregistrements.',
      'Noise is a matter for the municipal police. File a petition under "Noise" with the address and times; you may attach photos or recordings.',
    ],
  },
];
