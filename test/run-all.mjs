#!/usr/bin/env node
// `npm test`: type-check, build the production extension, run unit tests (vitest) and
// end-to-end tests (Playwright driving Debian's Chromium with the build loaded), then print
// one closing line: `tests: N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
mkdirSync('test-results', { recursive: true });

let passed = 0;
let failed = 0;
const step = (name, status) => {
  if (status === 0) passed += 1;
  else {
    failed += 1;
    console.error(`✗ ${name} failed`);
  }
};

step('typecheck (tsc --noEmit)', run('npx', ['tsc', '--noEmit']));
const buildStatus = run('npx', ['wxt', 'build']);
step('build (wxt build)', buildStatus);

run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json']);
const unit = readJson('test-results/unit.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests + (unit.numTotalTestSuites && unit.success === false && unit.numFailedTests === 0 ? 1 : 0);
} else failed += 1;

if (buildStatus === 0) {
  run('npx', ['playwright', 'test']);
  const e2e = readJson('test-results/e2e.json');
  if (e2e) {
    passed += e2e.stats.expected;
    failed += e2e.stats.unexpected + e2e.stats.flaky;
  } else failed += 1;
} else {
  failed += 1;
}

console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
