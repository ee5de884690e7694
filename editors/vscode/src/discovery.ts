// Finding the haplint binary: the `haplint.path` setting, else the binary
// bundled in a platform package (bin/haplint), else `haplint` on the PATH.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export type Found = { kind: 'found'; binary: string; from: string };
export type NotFound = { kind: 'missing'; looked: string[] };

const executableName = process.platform === 'win32' ? 'haplint.exe' : 'haplint';

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `~` and `${workspaceFolder}` in a path the user wrote. */
export function expandPath(value: string, workspaceFolder: string | undefined): string {
  let expanded = value.trim();
  if (expanded === '~' || expanded.startsWith('~/')) {
    expanded = path.join(os.homedir(), expanded.slice(1));
  }
  if (workspaceFolder !== undefined) {
    expanded = expanded.split('${workspaceFolder}').join(workspaceFolder);
  }
  return expanded;
}

export function findHaplint(options: {
  setting: string;
  extensionPath: string;
  workspaceFolder: string | undefined;
  envPath: string | undefined;
}): Found | NotFound {
  const looked: string[] = [];

  if (options.setting.trim() !== '') {
    const configured = expandPath(options.setting, options.workspaceFolder);
    const absolute = path.isAbsolute(configured)
      ? configured
      : path.resolve(options.workspaceFolder ?? process.cwd(), configured);
    if (isExecutable(absolute)) {
      return { kind: 'found', binary: absolute, from: 'the haplint.path setting' };
    }
    // The user named a binary: do not silently run another one.
    return {
      kind: 'missing',
      looked: [`haplint.path is set to ${absolute}, which is not an executable file`],
    };
  }
  looked.push('haplint.path: not set');

  const bundled = path.join(options.extensionPath, 'bin', executableName);
  if (isExecutable(bundled)) {
    return { kind: 'found', binary: bundled, from: 'the binary bundled with the extension' };
  }
  looked.push(`bundled binary: ${bundled} is not there (this package is not a platform build)`);

  const directories = (options.envPath ?? '').split(path.delimiter).filter((entry) => entry !== '');
  for (const directory of directories) {
    const candidate = path.join(directory, executableName);
    if (isExecutable(candidate)) {
      return { kind: 'found', binary: candidate, from: 'the PATH' };
    }
  }
  looked.push(
    directories.length === 0
      ? 'PATH: empty'
      : `PATH: no ${executableName} in ${directories.join(path.delimiter)}`,
  );
  return { kind: 'missing', looked };
}
