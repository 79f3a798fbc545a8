import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingTools, planTools, type ToolProbe } from '../../../scripts/test-tools.ts';

const root = join(import.meta.dirname, '../../..');
const script = join(root, 'scripts/ensure-test-tools.ts');
const EVERY_COMMAND = ['pdfsig', 'pdftotext', 'pdftoppm', 'openssl', 'vfychain', 'go', 'softhsm2-util'];
const EVERY_FILE = ['/usr/share/gocode/src/golang.org/x/mod/sumdb', '/usr/lib/softhsm/libsofthsm2.so'];

/** A machine on paper: the commands in /bin, the files that exist, Chromium's path. */
function probeOf(commands: string[], files: string[], chromium = true): ToolProbe {
  return {
    path: '/usr/local/bin:/bin',
    chromiumPath: '/usr/bin/chromium',
    exists: (file) => files.includes(file),
    isExecutable: (file) =>
      (chromium && file === '/usr/bin/chromium') || commands.some((command) => file === `/bin/${command}`),
  };
}

describe('scripts/test-tools.ts: which Debian packages the suite lacks', () => {
  const all = [...EVERY_COMMAND, 'pg_dump', 'pg_restore'];

  it('finds nothing missing on a machine with every tool', () => {
    expect(missingTools(probeOf(all, EVERY_FILE))).toEqual([]);
  });

  it.each([
    ['vfychain', 'libnss3-tools'],
    ['pdftoppm', 'poppler-utils'],
    ['go', 'golang-go'],
    ['softhsm2-util', 'softhsm2'],
    ['pg_restore', 'postgresql-client'],
    ['openssl', 'openssl'],
  ])('names %s as the package %s', (command, debianPackage) => {
    const missing = missingTools(
      probeOf(
        all.filter((c) => c !== command),
        EVERY_FILE,
      ),
    );
    expect(missing.map((tool) => tool.debianPackage)).toEqual([debianPackage]);
  });

  it("names Go's x/mod sources, SoftHSM's library and Chromium, which are files, not commands", () => {
    expect(missingTools(probeOf(all, [])).map((tool) => tool.debianPackage)).toEqual([
      'golang-golang-x-mod-dev',
      'softhsm2',
    ]);
    expect(missingTools(probeOf(all, EVERY_FILE, false)).map((tool) => tool.debianPackage)).toEqual(['chromium']);
  });
});

describe('scripts/test-tools.ts: install as root with apt-get, else stop with the command', () => {
  const [openssl] = missingTools(probeOf([], EVERY_FILE)).filter((tool) => tool.debianPackage === 'openssl');

  it('does nothing when nothing is missing', () => {
    expect(planTools([], false, null)).toEqual({ action: 'ready' });
  });

  it('installs with apt-get as root', () => {
    expect(planTools([openssl!], true, '/usr/bin/apt-get')).toEqual({
      action: 'install',
      commands: [
        ['/usr/bin/apt-get', 'update', '-qq'],
        ['/usr/bin/apt-get', 'install', '-y', '-qq', 'openssl'],
      ],
    });
  });

  it('gives the command with sudo to anyone else, and installs nothing', () => {
    expect(planTools([openssl!], false, '/usr/bin/apt-get')).toEqual({
      action: 'stop',
      command: 'sudo apt-get update && sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y openssl',
    });
  });

  it('gives the command to root on a machine without apt-get', () => {
    expect(planTools([openssl!], true, null)).toEqual({
      action: 'stop',
      command: 'apt-get update && env DEBIAN_FRONTEND=noninteractive apt-get install -y openssl',
    });
  });
});

describe('scripts/ensure-test-tools.ts, run as npm test runs it', () => {
  let bare: string;
  let full: string;

  beforeAll(async () => {
    // Two PATHs: one holding only node (no tool, no apt-get), one holding every command.
    bare = await mkdtemp(join(tmpdir(), 'epeople-bare-path-'));
    full = await mkdtemp(join(tmpdir(), 'epeople-full-path-'));
    await symlink(process.execPath, join(bare, 'node'));
    for (const command of [...EVERY_COMMAND, 'pg_dump', 'pg_restore']) await symlink('/bin/true', join(full, command));
  });
  afterAll(async () => {
    await rm(bare, { recursive: true, force: true });
    await rm(full, { recursive: true, force: true });
  });

  const run = (path: string, chromium: string) =>
    spawnSync(process.execPath, [script], { env: { PATH: path, CHROMIUM_PATH: chromium }, encoding: 'utf8' });

  it('stops at once, naming the apt-get command, on a PATH that lacks the tools and apt-get', () => {
    const result = run(bare, join(bare, 'no-chromium'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'apt-get install -y chromium poppler-utils openssl libnss3-tools golang-go softhsm2 postgresql-client',
    );
    expect(result.stderr).toContain('vfychain');
  });

  it('passes quietly when every command is on the PATH (and the files are on this machine)', () => {
    const result = run(full, '/bin/true');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
