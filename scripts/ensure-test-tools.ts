import { spawnSync } from 'node:child_process';
import { findOnPath, machineProbe, missingTools, planTools, type ToolRequirement } from './test-tools.ts';

/**
 * Run before `npm test` (its `pretest`) and by `.ci/run`: the suite drives Debian tools
 * (scripts/test-tools.ts), so a fresh machine gets them installed when this runs as root with
 * apt-get, and otherwise stops here at once with the command to run, instead of failing test
 * after test with "is required by this test".
 */
const probe = machineProbe();
const describe = (tools: readonly ToolRequirement[]) =>
  tools.map((tool) => `  ${tool.debianPackage}: ${tool.needs}`).join('\n');

const missing = missingTools(probe);
const plan = planTools(missing, process.getuid?.() === 0, findOnPath('apt-get', probe));

if (plan.action === 'stop') {
  console.error(
    `The test suite needs tools this machine lacks:\n${describe(missing)}\nInstall them with:\n  ${plan.command}`,
  );
  process.exit(1);
}

if (plan.action === 'install') {
  console.log(`Installing the tools the test suite needs:\n${describe(missing)}`);
  for (const [command, ...args] of plan.commands) {
    const result = spawnSync(command!, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      console.error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
      process.exit(1);
    }
  }
  const stillMissing = missingTools(probe);
  if (stillMissing.length > 0) {
    console.error(`Still missing after apt-get install:\n${describe(stillMissing)}`);
    process.exit(1);
  }
}
