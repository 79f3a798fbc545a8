/** The filing every bench case sends: a guest's petition with a 1 KB Arabic description. */
export const DESCRIPTION = `${'ماء الشرب مقطوع في حيّنا منذ يوم الاثنين ولم يأتِ أحد لإصلاح العطب. '.repeat(9)}`.slice(
  0,
  1024,
);

export function filingBody(): string {
  return JSON.stringify({
    type: 'petition',
    title: 'Water cut in our street since Monday',
    description: DESCRIPTION,
    governorate: 'TN-61',
    language: 'ar',
    guest: { name: 'Bench Guest', email: 'bench@example.tn' },
  });
}
