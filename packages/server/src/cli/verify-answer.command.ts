import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { verifyOffline } from '../modules/answers/index.ts';
import { logVerifierKey } from '../modules/transparency-log/index.ts';
import { decodePemBlocks } from '../signing/pem.ts';
import { openSigning } from '../signing/signing.ts';

/**
 * `npm run cli -- verify <answer.pdf> [--receipt r.tlog-proof]`: checks a letter offline, with
 * the roots and log key a verifier downloaded from the verification page, or else this
 * installation's own. Exit 0 when valid, 1 otherwise.
 */
export function registerVerifyAnswerCommand(program: Command): void {
  program
    .command('verify')
    .argument('<answer.pdf>', 'the signed answer letter')
    .description('Verify a signed answer letter (and its log receipt) offline; exit 1 unless valid')
    .option('--receipt <file>', 'the answer’s receipt (.tlog-proof) from the transparency log')
    .option('--trust <roots.pem>', 'trusted root certificates (PEM); default: this installation’s')
    .option('--log-key <key>', 'the log’s verifier key (name+id+key); default: this installation’s')
    .action(async (file: string, options: { receipt?: string; trust?: string; logKey?: string }) => {
      const config = loadConfig();
      const pdf = new Uint8Array(await readFile(file));
      const trustAnchors = options.trust
        ? decodePemBlocks(await readFile(options.trust, 'utf8'))
            .filter((block) => block.label === 'CERTIFICATE')
            .map((block) => block.der)
        : (await openSigning(config, pino({ level: 'silent' }))).trustAnchors;
      const receipt = options.receipt ? await readFile(options.receipt, 'utf8') : undefined;
      const key = options.logKey ?? (receipt ? await logVerifierKey({ config }) : undefined);
      const result = await verifyOffline({ pdf, trustAnchors, receipt, logVerifierKey: key });

      console.log(`Document SHA-256: ${result.sha256}`);
      for (const [index, signature] of result.signatures.entries()) {
        console.log(
          `Signature ${index + 1}: ${signature.intact ? 'intact' : 'BROKEN'}, ` +
            `${signature.coversWholeDocument ? 'covers the whole file' : 'DOES NOT cover the whole file'}, ` +
            `chain ${signature.chainTrusted ? 'trusted' : 'NOT trusted'}`,
        );
        if (signature.signer) console.log(`  signer: ${signature.signer.subject}`);
        if (signature.signingTime) console.log(`  signed at: ${signature.signingTime}`);
        if (signature.timestampTime) console.log(`  timestamp: ${signature.timestampTime}`);
      }
      if (result.entry) {
        console.log(`Answer ${result.entry.answerId}: case ${result.entry.reference}, unit ${result.entry.unit}`);
      }
      if (result.log) {
        console.log(
          `Log: entry ${result.log.index ?? '?'} of ${result.log.treeSize ?? '?'}, checkpoint ` +
            `${result.log.checkpointSigned ? 'signed by the log key' : 'NOT signed by the log key'}, inclusion ` +
            `${result.log.inclusionProved ? 'proved' : 'NOT proved'}`,
        );
      }
      console.log(`Verdict: ${result.verdict}${result.problems.length ? ` (${result.problems.join(', ')})` : ''}`);
      if (result.verdict !== 'valid') process.exitCode = 1;
    });
}
