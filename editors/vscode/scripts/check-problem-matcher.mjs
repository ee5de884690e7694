// Checks the $haplint problem matcher of package.json against what
// `haplint check --output-format concise` prints for the e2e sample:
// every line must match, with the file, position, severity and rule read
// back as the CLI wrote them.
//   node scripts/check-problem-matcher.mjs path/to/haplint
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const binary = process.argv[2];
if (!binary) {
  console.error('usage: node scripts/check-problem-matcher.mjs path/to/haplint');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const matcher = pkg.contributes.problemMatchers.find((entry) => entry.name === 'haplint');
const pattern = new RegExp(matcher.pattern.regexp);
const sample = path.join('e2e', 'workspace', 'haproxy.cfg');
const run = spawnSync(binary, ['check', '--output-format', 'concise', sample], { cwd: root, encoding: 'utf8' });
const lines = run.stdout.split('\n').filter((line) => line !== '');
let failures = 0;
if (lines.length < 3) {
  console.error(`expected several findings for ${sample}, got:\n${run.stdout}${run.stderr}`);
  process.exit(1);
}
for (const line of lines) {
  const match = pattern.exec(line);
  const group = (name) => match?.[matcher.pattern[name]];
  const ok = match !== null && group('file') === sample && /^\d+$/.test(group('line'))
    && /^\d+$/.test(group('column')) && ['error', 'warning', 'info', 'hint'].includes(group('severity'))
    && /^[a-z0-9-]+$/.test(group('code')) && group('message').length > 0;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`);
  if (!ok) failures += 1;
}
console.log(`problem matcher: ${lines.length - failures} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
