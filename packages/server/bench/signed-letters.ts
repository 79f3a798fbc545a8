import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Language } from '@epeople/contracts';
import type { Letter } from '../src/letters/letter.ts';
import { createLetterRenderPool } from '../src/letters/letter-render-pool.ts';
import { signLetter } from '../src/letters/sign-letter.ts';
import { openDevelopmentSigning } from '../src/signing/dev-ca.ts';

/**
 * Signed answer letters per second: rendered on the 2-thread pool, signed as PAdES B-B on this
 * thread with the development signer (ECDSA P-256), as the sign job does. Letters differ in
 * reference, language (6 in 10 Arabic), length and figures. Each thread renders two letters
 * first (parsing its fonts) outside the measure.
 * Run alone: `npx node packages/server/bench/signed-letters.ts` (BENCH_SECONDS, default 10).
 */
export interface SignedLettersMeasure {
  lettersPerSecond: number;
  letters: number;
  seconds: number;
  averageBytes: number;
}

const RENDER_THREADS = 2;
/** Letters in flight: enough to keep both threads and the signing thread busy. */
const IN_FLIGHT = 6;

const PARAGRAPHS: Record<Language, string[]> = {
  ar: [
    "رقم الملف {ref} حسب قرار Ministère de l'Intérieur المؤرخ في 12 مارس، وبعد دراسة مطلبكم من قبل المصالح المختصة.",
    'تقرر برمجة أشغال إصلاح الطريق خلال الثلاثية الثانية بكلفة تقديرية قدرها {n} دينار، على أن تتولى البلدية المتابعة.',
    'وإذ نشكركم على تعاونكم، نعلمكم أنه بإمكانكم متابعة تقدم الأشغال عبر المنصة أو بالاتصال بالمصلحة على الرقم 71 000 {n}.',
  ],
  fr: [
    'Suite à votre demande n° {ref}, les services compétents ont examiné la situation du quartier.',
    'Les travaux de réfection seront programmés au deuxième trimestre pour un budget estimé à {n} dinars.',
    'Vous pourrez suivre leur avancement sur la plateforme ou auprès du service au 71 000 {n}.',
  ],
  en: [
    'Following your request {ref}, the competent services have examined the situation in your neighbourhood.',
    'Repair works are scheduled for the second quarter with an estimated budget of {n} dinars.',
  ],
};

export function benchLetter(index: number): Letter {
  const language: Language = index % 10 < 6 ? 'ar' : index % 10 < 9 ? 'fr' : 'en';
  const reference = `2026-${String(index % 10_000).padStart(4, '0')}`;
  const paragraphs = PARAGRAPHS[language];
  const answerText = Array.from({ length: 2 + (index % 5) }, (_, i) =>
    (paragraphs[(index + i) % paragraphs.length] as string)
      .replace('{ref}', reference)
      .replace('{n}', String(1000 + ((index * 37 + i) % 9000))),
  ).join('\n');
  return {
    language,
    unit:
      language === 'ar'
        ? { name: 'بلدية أريانة', parentName: 'وزارة الداخلية' }
        : { name: 'Municipalité de l’Ariana', parentName: 'Ministère de l’Intérieur' },
    reference,
    filedAt: new Date(Date.UTC(2026, 2, 1 + (index % 20), 9)),
    answeredAt: new Date(Date.UTC(2026, 3, 1 + (index % 20), 10, index % 60)),
    ...(index % 7 === 0 ? {} : { citizenName: language === 'ar' ? 'أمينة بن علي' : 'Amina Ben Ali' }),
    title: language === 'ar' ? 'إصلاح الطريق الرابط بين الحي والمدرسة' : 'Réfection de la route de l’école',
    outcome: index % 3 === 0 ? 'partly_upheld' : 'upheld',
    answerText,
    signer: {
      name: language === 'ar' ? 'محمد الصالح' : 'Mohamed Salah',
      roleLabel: language === 'ar' ? 'رئيس الوحدة' : 'Chef de service',
    },
    verificationUrl: `https://epeople.example.tn/verify/${crypto.randomUUID()}`,
    isTest: true,
  };
}

export async function measureSignedLetters(seconds: number): Promise<SignedLettersMeasure> {
  const dataDir = await mkdtemp(join(tmpdir(), 'epeople-bench-letters-'));
  const pool = createLetterRenderPool({ size: RENDER_THREADS });
  try {
    const signing = await openDevelopmentSigning(dataDir);
    const signer = await signing.signerFor({ code: 'ariana', name: 'Municipalité de l’Ariana' });
    const signOne = async (index: number) =>
      signLetter(await pool.render(benchLetter(index)), signer, { reason: 'Answer', location: 'Ariana' });
    await Promise.all(Array.from({ length: 2 * RENDER_THREADS }, (_, i) => signOne(i)));

    let letters = 0;
    let bytes = 0;
    let next = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const lane = async () => {
      while (performance.now() < deadline) {
        const signed = await signOne(next++);
        letters++;
        bytes += signed.byteLength;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    const elapsed = (performance.now() - started) / 1000;
    return {
      lettersPerSecond: letters / elapsed,
      letters,
      seconds: elapsed,
      averageBytes: Math.round(bytes / letters),
    };
  } finally {
    await pool.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  console.log(await measureSignedLetters(Number(process.env.BENCH_SECONDS ?? 10)));
}
