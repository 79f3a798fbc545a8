import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../../test/openssl.ts';
import { openDevelopmentSigning } from './dev-ca.ts';
import { encodePem } from './pem.ts';

/**
 * NSS (Firefox, Thunderbird, many PDF readers' certificate stores) as an independent judge of
 * the signing certificates' profile: with the root trusted, `vfychain` finds the unit's chain
 * good for signing; with another root trusted, it does not.
 */
describe('signing certificates in NSS', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'epeople-nss-'));
  });
  afterAll(async () => rm(folder, { recursive: true, force: true }));

  async function nssDatabaseTrusting(name: string, root: Uint8Array): Promise<string> {
    const db = join(folder, name);
    await writeFile(join(folder, `${name}-root.pem`), encodePem('CERTIFICATE', root));
    await mkdir(db, { recursive: true });
    const created = runTool('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
    expect(created.status, created.stderr).toBe(0);
    const added = runTool('certutil', [
      '-A',
      '-d',
      `sql:${db}`,
      '-n',
      'root',
      '-t',
      'C,C,C',
      '-i',
      join(folder, `${name}-root.pem`),
    ]);
    expect(added.status, added.stderr).toBe(0);
    return db;
  }

  it('finds a unit certificate’s chain good for signing with the test root trusted, and not with another root', async () => {
    const signing = await openDevelopmentSigning(join(folder, 'data'));
    const signer = await signing.signerFor({ code: 'min-health', name: 'Ministère de la Santé' });
    const signerFile = join(folder, 'signer.pem');
    await writeFile(signerFile, encodePem('CERTIFICATE', signer.certificate));

    const trusting = await nssDatabaseTrusting('ours', signing.rootCertificate);
    // -u 4: certUsageEmailSigner, the usage NSS checks for document signatures.
    const good = runTool('vfychain', ['-d', `sql:${trusting}`, '-pp', '-u', '4', '-a', signerFile]);
    expect(`${good.stdout}${good.stderr}`).toContain('Chain is good!');

    const other = await openDevelopmentSigning(join(folder, 'other-data'));
    const stranger = await nssDatabaseTrusting('other', other.rootCertificate);
    const bad = runTool('vfychain', ['-d', `sql:${stranger}`, '-pp', '-u', '4', '-a', signerFile]);
    expect(`${bad.stdout}${bad.stderr}`).toContain('Chain is bad!');
  });
});
