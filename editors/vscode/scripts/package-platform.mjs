// Packages the extension for one platform with the haplint binary inside:
//   node scripts/package-platform.mjs linux-x64 [path/to/haplint]
// The binary defaults to $HAPLINT_BINARY, else ../../target/release/haplint.
// Writes haplint-<target>-<version>.vsix next to package.json.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [target, binaryArgument] = process.argv.slice(2);
if (!target) {
  console.error('usage: node scripts/package-platform.mjs TARGET [BINARY]   (TARGET: linux-x64, darwin-arm64, ...)');
  process.exit(2);
}
const binary = path.resolve(
  binaryArgument ?? process.env.HAPLINT_BINARY ?? path.join(root, '..', '..', 'target', 'release', 'haplint'),
);
if (!existsSync(binary)) {
  console.error(`no haplint binary at ${binary}: build it with \`cargo build --release -p haplint\``);
  process.exit(1);
}
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const name = target.startsWith('win32') ? 'haplint.exe' : 'haplint';
const bin = path.join(root, 'bin');
rmSync(bin, { recursive: true, force: true });
mkdirSync(bin);
copyFileSync(binary, path.join(bin, name));
chmodSync(path.join(bin, name), 0o755);
// The release profile keeps debug information; users do not need it.
if (target.startsWith('linux') && spawnSync('strip', ['--version']).status === 0) {
  spawnSync('strip', [path.join(bin, name)], { stdio: 'inherit' });
}
const output = `haplint-${target}-${version}.vsix`;
const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
const result = spawnSync(vsce, ['package', '--no-dependencies', '--target', target, '-o', output], {
  cwd: root,
  stdio: 'inherit',
});
// The universal package must not pick the binary up.
rmSync(bin, { recursive: true, force: true });
process.exit(result.status ?? 1);
