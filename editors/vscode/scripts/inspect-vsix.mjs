// Opens a .vsix (a zip file) and checks what VS Code will load from it:
// the manifest, the bundle, the language, the grammar, the language
// configuration and, for a platform build, the binary.
//   node scripts/inspect-vsix.mjs FILE.vsix [--target linux-x64]
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const args = process.argv.slice(2);
let file;
let target;
for (let index = 0; index < args.length; index += 1) {
  if (args[index] === '--target') {
    target = args[index + 1];
    index += 1;
  } else {
    file = args[index];
  }
}
if (!file) {
  console.error('usage: node scripts/inspect-vsix.mjs FILE.vsix [--target linux-x64]');
  process.exit(2);
}

/** The entries of a zip file, from its central directory. */
function readZip(buffer) {
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) {
    end -= 1;
  }
  if (end < 0) {
    throw new Error('not a zip file: no end of central directory');
  }
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries = new Map();
  for (let index = 0; index < count; index += 1) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) {
      throw new Error('broken central directory');
    }
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const externalAttributes = buffer.readUInt32LE(offset + 38);
    const localHeader = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.set(name, {
      size,
      mode: externalAttributes >>> 16,
      read() {
        const localNameLength = buffer.readUInt16LE(localHeader + 26);
        const localExtraLength = buffer.readUInt16LE(localHeader + 28);
        const start = localHeader + 30 + localNameLength + localExtraLength;
        const data = buffer.subarray(start, start + compressedSize);
        if (method === 0) return data;
        if (method === 8) return inflateRawSync(data);
        throw new Error(`${name}: compression method ${method}`);
      },
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const failures = [];
function check(condition, message) {
  console.log(`${condition ? 'ok  ' : 'FAIL'} ${message}`);
  if (!condition) failures.push(message);
  return condition;
}
function json(entries, name) {
  const entry = entries.get(name);
  return entry === undefined ? undefined : JSON.parse(entry.read().toString('utf8'));
}

const entries = readZip(readFileSync(file));
console.log(`${file}: ${entries.size} files`);
for (const [name, entry] of entries) {
  console.log(`     ${String(entry.size).padStart(10)}  ${name}`);
}

const manifest = entries.get('extension.vsixmanifest')?.read().toString('utf8') ?? '';
const pkg = json(entries, 'extension/package.json');
check(manifest.includes('<Identity'), 'extension.vsixmanifest has an Identity');
check(pkg !== undefined, 'extension/package.json is there');
if (pkg !== undefined) {
  check(manifest.includes(`Id="${pkg.name}"`) && manifest.includes(`Version="${pkg.version}"`),
    `the manifest names ${pkg.publisher}.${pkg.name} ${pkg.version}`);
  check(pkg.engines?.vscode === '^1.82.0', `engines.vscode is ^1.82.0 (${pkg.engines?.vscode})`);
  const main = `extension/${pkg.main.replace(/^\.\//, '')}`;
  check(entries.has(main), `the entry point ${main} is there`);
  const scripts = [...entries.keys()].filter((name) => name.endsWith('.js'));
  check(scripts.length === 1, `one JavaScript file, the bundle (${scripts.join(', ')})`);
  check(![...entries.keys()].some((name) => name.includes('node_modules/')), 'no node_modules');
  check(![...entries.keys()].some((name) => name.endsWith('.ts') || name.endsWith('.map')), 'no sources or source maps');
  if (entries.has(main)) {
    const bundle = entries.get(main).read().toString('utf8');
    check(bundle.includes('vscode-languageclient') || bundle.includes('LanguageClient'),
      'the bundle contains vscode-languageclient');
  }

  const language = pkg.contributes?.languages?.find((entry) => entry.id === 'haproxy');
  check(language !== undefined, 'contributes the haproxy language');
  if (language !== undefined) {
    check(language.filenames?.includes('haproxy.cfg'), 'haproxy.cfg is associated');
    check(language.filenamePatterns?.includes('haproxy*.cfg'), 'haproxy*.cfg is associated');
    check(language.filenamePatterns?.includes('**/haproxy/**/*.cfg'), '*.cfg under haproxy/ is associated');
    check(language.extensions?.includes('.haproxy'), '*.haproxy is associated');
    const firstLine = new RegExp(language.firstLine);
    check(firstLine.test('global') && firstLine.test('defaults') && firstLine.test('frontend www')
      && !firstLine.test('[metadata]'), `firstLine ${language.firstLine} matches section headers only`);
    const configurationPath = `extension/${language.configuration.replace(/^\.\//, '')}`;
    const configuration = json(entries, configurationPath);
    check(configuration?.comments?.lineComment === '#', `${configurationPath}: # comments`);
    check(configuration?.autoClosingPairs?.some((pair) => pair.open === '"'), `${configurationPath}: quotes close`);
    check(configuration?.folding?.markers?.start?.includes('.if') ?? false, `${configurationPath}: .if folding markers`);
  }
  const grammar = pkg.contributes?.grammars?.find((entry) => entry.language === 'haproxy');
  if (check(grammar !== undefined, 'contributes a grammar for haproxy')) {
    const grammarPath = `extension/${grammar.path.replace(/^\.\//, '')}`;
    const tm = json(entries, grammarPath);
    check(tm?.scopeName === 'source.haproxy' && grammar.scopeName === 'source.haproxy', `${grammarPath}: source.haproxy`);
    check(Object.keys(tm?.repository ?? {}).length > 5, `${grammarPath}: ${Object.keys(tm?.repository ?? {}).length} rules`);
  }
  check(pkg.contributes?.problemMatchers?.some((matcher) => matcher.name === 'haplint'), 'the $haplint problem matcher');
  const commands = (pkg.contributes?.commands ?? []).map((command) => command.command);
  for (const command of ['haplint.restartServer', 'haplint.showOutput', 'haplint.fixAll', 'haplint.explainRule']) {
    check(commands.includes(command), `command ${command}`);
  }
  const properties = Object.keys(pkg.contributes?.configuration?.properties ?? {});
  for (const setting of ['path', 'targetVersion', 'configPath', 'live', 'runtime', 'debounceMs', 'trace.server']) {
    check(properties.includes(`haplint.${setting}`), `setting haplint.${setting}`);
  }
}

const binaries = [...entries.keys()].filter((name) => name.startsWith('extension/bin/'));
if (target !== undefined) {
  check(manifest.includes(`TargetPlatform="${target}"`), `the manifest targets ${target}`);
  const name = target.startsWith('win32') ? 'extension/bin/haplint.exe' : 'extension/bin/haplint';
  const binary = entries.get(name);
  if (check(binary !== undefined, `${name} is bundled`)) {
    const data = binary.read();
    check(data.length > 1_000_000, `${name}: ${data.length} bytes`);
    if (target.startsWith('linux')) {
      const machines = { x64: 0x3e, arm64: 0xb7, armhf: 0x28 };
      const expected = machines[target.split('-')[1]];
      check(data.subarray(0, 4).toString('latin1') === '\x7fELF' && data.readUInt16LE(18) === expected,
        `${name} is an ELF binary for ${target}`);
      check((binary.mode & 0o111) !== 0, `${name} is executable (mode ${(binary.mode & 0o777).toString(8)})`);
    }
  }
} else {
  check(!manifest.includes('TargetPlatform='), 'a universal package (no target platform)');
  check(binaries.length === 0, 'no bundled binary in the universal package');
}

if (failures.length > 0) {
  console.error(`\n${failures.length} check(s) failed`);
  process.exit(1);
}
console.log('\nall checks passed');
