import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The Debian tools the test suite drives, in one list that `npm test` (scripts/ensure-test-tools.ts)
 * and `.ci/run` both read. Each is an independent judge or a real dependency of a test
 * (README.md, "Two commands"): Chromium for the browser journeys; poppler's pdfsig, pdftotext
 * and pdftoppm, openssl and NSS's vfychain for signed letters and records; Go with x/mod's
 * sumdb packages, built offline, for the transparency log; SoftHSM2 as the PKCS#11 token;
 * pg_dump and pg_restore for the PostgreSQL backup test.
 */
export interface ToolRequirement {
  /** The Debian package that brings it. */
  debianPackage: string;
  /** What the tests need from it, as a person reads it. */
  needs: string;
  isPresent(probe: ToolProbe): boolean;
}

/** How a requirement looks at the machine: a PATH to search and the file system. */
export interface ToolProbe {
  path: string;
  chromiumPath: string;
  exists(file: string): boolean;
  isExecutable(file: string): boolean;
}

const onPath = (command: string) => (probe: ToolProbe) => findOnPath(command, probe) !== null;

const allOnPath = (...commands: string[]) => {
  const checks = commands.map(onPath);
  return (probe: ToolProbe) => checks.every((check) => check(probe));
};

export const TEST_TOOLS: readonly ToolRequirement[] = [
  {
    debianPackage: 'chromium',
    needs: 'chromium (browser journeys; CHROMIUM_PATH, else /usr/bin/chromium)',
    isPresent: (probe) => probe.isExecutable(probe.chromiumPath),
  },
  {
    debianPackage: 'poppler-utils',
    needs: 'pdfsig, pdftotext, pdftoppm',
    isPresent: allOnPath('pdfsig', 'pdftotext', 'pdftoppm'),
  },
  { debianPackage: 'openssl', needs: 'openssl', isPresent: onPath('openssl') },
  { debianPackage: 'libnss3-tools', needs: 'vfychain', isPresent: onPath('vfychain') },
  { debianPackage: 'golang-go', needs: 'go', isPresent: onPath('go') },
  {
    debianPackage: 'golang-golang-x-mod-dev',
    needs: "Go's golang.org/x/mod/sumdb sources in /usr/share/gocode",
    isPresent: (probe) => probe.exists('/usr/share/gocode/src/golang.org/x/mod/sumdb'),
  },
  {
    debianPackage: 'softhsm2',
    needs: 'softhsm2-util and /usr/lib/softhsm/libsofthsm2.so',
    isPresent: (probe) => onPath('softhsm2-util')(probe) && probe.exists('/usr/lib/softhsm/libsofthsm2.so'),
  },
  { debianPackage: 'postgresql-client', needs: 'pg_dump, pg_restore', isPresent: allOnPath('pg_dump', 'pg_restore') },
];

export function missingTools(probe: ToolProbe, tools: readonly ToolRequirement[] = TEST_TOOLS): ToolRequirement[] {
  return tools.filter((tool) => !tool.isPresent(probe));
}

export function machineProbe(env: NodeJS.ProcessEnv = process.env): ToolProbe {
  return {
    path: env.PATH ?? '',
    chromiumPath: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    exists: existsSync,
    isExecutable(file) {
      try {
        accessSync(file, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** What to do about the missing tools: nothing, install them, or stop and say what to run. */
export type ToolPlan =
  | { action: 'ready' }
  | { action: 'install'; commands: string[][] }
  | { action: 'stop'; command: string };

/**
 * Installing needs root and apt-get; anyone else gets the exact command at once, rather than a
 * suite that fails minutes later on the first test that needs the tool.
 */
export function planTools(missing: readonly ToolRequirement[], isRoot: boolean, aptGet: string | null): ToolPlan {
  if (missing.length === 0) return { action: 'ready' };
  const packages = missing.map((tool) => tool.debianPackage);
  if (isRoot && aptGet !== null) {
    return {
      action: 'install',
      commands: [
        [aptGet, 'update', '-qq'],
        [aptGet, 'install', '-y', '-qq', ...packages],
      ],
    };
  }
  const sudo = isRoot ? '' : 'sudo ';
  return {
    action: 'stop',
    command: `${sudo}apt-get update && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages.join(' ')}`,
  };
}

/** Where a command resolves on the probe's PATH, as a shell would find it. */
export function findOnPath(command: string, probe: ToolProbe): string | null {
  for (const folder of probe.path.split(delimiter)) {
    if (folder !== '' && probe.isExecutable(join(folder, command))) return join(folder, command);
  }
  return null;
}
