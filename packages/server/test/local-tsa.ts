import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openssl } from './openssl.ts';

const run = promisify(execFile);

/**
 * A real RFC 3161 time-stamping authority for tests: `openssl ts -reply` behind a tiny HTTP
 * server, with its own test CA and a TSA certificate whose only extended key usage is
 * timeStamping (critical), as RFC 3161 requires.
 */
export interface LocalTsa {
  url: string;
  /** PEM file of the TSA's root CA (for `openssl ts -verify -CAfile`). */
  caCertificateFile: string;
  /** PEM file of the TSA's own certificate. */
  tsaCertificateFile: string;
  /** DER of the TSA's root CA (a trust anchor for ePeople's verifier). */
  caCertificate: Uint8Array;
  /** Requests answered so far. */
  requests: number;
  close(): Promise<void>;
}

export async function startLocalTsa(): Promise<LocalTsa> {
  const dir = await mkdtemp(join(tmpdir(), 'epeople-tsa-'));
  const file = (name: string) => join(dir, name);
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl([
    'req',
    '-x509',
    ...ecKey,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '30',
    '-subj',
    '/CN=ePeople TEST TSA root',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl([
    'req',
    '-new',
    ...ecKey,
    '-keyout',
    file('tsa.key'),
    '-out',
    file('tsa.csr'),
    '-subj',
    '/CN=ePeople TEST TSA',
  ]);
  await writeFile(
    file('tsa.ext'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n',
  );
  openssl([
    'x509',
    '-req',
    '-in',
    file('tsa.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '30',
    '-sha256',
    '-extfile',
    file('tsa.ext'),
    '-out',
    file('tsa.pem'),
  ]);
  await writeFile(file('serial'), '01\n');
  await writeFile(
    file('tsa.cnf'),
    [
      '[ tsa ]',
      'default_tsa = local',
      '[ local ]',
      `dir = ${dir}`,
      'serial = $dir/serial',
      'crypto_device = builtin',
      'signer_cert = $dir/tsa.pem',
      'certs = $dir/ca.pem',
      'signer_key = $dir/tsa.key',
      'signer_digest = sha256',
      'default_policy = 1.3.6.1.4.1.99999.1',
      'digests = sha256, sha384, sha512',
      'accuracy = secs:1',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );

  // openssl keeps its serial number in a file: answer one request at a time.
  let queue: Promise<unknown> = Promise.resolve();
  let counter = 0;
  const reply = async (query: Buffer): Promise<Buffer> => {
    const id = ++counter;
    await writeFile(file(`q${id}.tsq`), query);
    await run('openssl', [
      'ts',
      '-reply',
      '-config',
      file('tsa.cnf'),
      '-queryfile',
      file(`q${id}.tsq`),
      '-out',
      file(`r${id}.tsr`),
    ]);
    return readFile(file(`r${id}.tsr`));
  };

  const tsa: LocalTsa = {
    url: '',
    caCertificateFile: file('ca.pem'),
    tsaCertificateFile: file('tsa.pem'),
    caCertificate: new Uint8Array(await derOf(file('ca.pem'), file('ca.der'))),
    requests: 0,
    close: async () => {},
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.headers['content-type'] !== 'application/timestamp-query') {
        response.writeHead(415).end();
        return;
      }
      const answer = queue.then(() => reply(Buffer.concat(chunks)));
      queue = answer.catch(() => {});
      answer.then(
        (body) => {
          tsa.requests++;
          response.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body);
        },
        () => response.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tsa.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
  tsa.close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  };
  return tsa;
}

async function derOf(pemFile: string, derFile: string): Promise<Buffer> {
  openssl(['x509', '-in', pemFile, '-outform', 'DER', '-out', derFile]);
  return readFile(derFile);
}
