// The options the server reads (crates/haplint_lsp/src/config.rs), built
// from the `haplint.*` settings, and the target version shown in the
// status bar.

import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { expandPath } from './discovery';

/** haplint's own default target: the newest long-term-support line. */
export const DEFAULT_TARGET = '3.2';

/** The release lines haplint knows, oldest first (`haplint check --help`). */
export const KNOWN_VERSIONS = [
  '1.8', '1.9', '2.0', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7',
  '2.8', '2.9', '3.0', '3.1', '3.2', '3.3', '3.4', '3.5',
];

export function firstWorkspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * What the server gets as `initializationOptions` and in
 * `workspace/didChangeConfiguration`. Every key is sent, `null` for unset
 * ones, because the server keeps the value of a key that is absent.
 */
export function serverOptions(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('haplint');
  const configPath = text(config.get('configPath'));
  const sets = config.get<unknown>('configSets');
  return {
    targetVersion: text(config.get('targetVersion')),
    configPath: configPath === null ? null : expandPath(configPath, firstWorkspaceFolder()),
    configSets: sets === 'directory' || Array.isArray(sets) ? sets : null,
    live: config.get<boolean>('live') === true,
    runtime: text(config.get('runtime')),
    debounceMs: config.get<number | null>('debounceMs') ?? null,
  };
}

/** `target-version = "2.6"` of a haplint.toml, read the simple way. */
function targetOfSettingsFile(file: string): string | undefined {
  try {
    const match = /^\s*target-version\s*=\s*["']([^"']+)["']/m.exec(fs.readFileSync(file, 'utf8'));
    return match?.[1];
  } catch {
    return undefined;
  }
}

/** The target version for `document` and where it comes from. */
export function effectiveTarget(document: vscode.TextDocument | undefined): {
  version: string;
  from: string;
} {
  const config = vscode.workspace.getConfiguration('haplint');
  const setting = text(config.get('targetVersion'));
  if (setting !== null) {
    return { version: setting, from: 'the haplint.targetVersion setting' };
  }
  const configPath = text(config.get('configPath'));
  if (configPath !== null) {
    const file = expandPath(configPath, firstWorkspaceFolder());
    const version = targetOfSettingsFile(file);
    if (version !== undefined) {
      return { version, from: file };
    }
  } else if (document !== undefined && document.uri.scheme === 'file') {
    // The nearest haplint.toml above the file, as the server looks for it.
    let directory = path.dirname(document.uri.fsPath);
    for (;;) {
      const candidate = path.join(directory, 'haplint.toml');
      if (fs.existsSync(candidate)) {
        const version = targetOfSettingsFile(candidate);
        if (version !== undefined) {
          return { version, from: candidate };
        }
        break;
      }
      const parent = path.dirname(directory);
      if (parent === directory) {
        break;
      }
      directory = parent;
    }
  }
  return { version: DEFAULT_TARGET, from: "haplint's default" };
}
