// Makes `npm start` and `npm test` work on a fresh checkout: installs the locked npm
// dependencies when node_modules is missing or older than package-lock.json, and, for the
// tests (--test), Debian's Chromium for the dashboard test when it is absent and apt-get can run.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const marker = 'node_modules/.package-lock.json';
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs) {
  console.error('stackplan: installing dependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

if (process.argv.includes('--test') && !existsSync('/usr/bin/chromium')) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.error('stackplan: installing Debian chromium for the dashboard test');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium']);
  } else {
    console.error(
      'stackplan: /usr/bin/chromium is missing; the dashboard test needs it (apt-get install chromium)',
    );
  }
}
