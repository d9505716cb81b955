// Finding the `connector-ls` binary: the `connectorLs.server.path` setting, then a binary bundled in
// the extension (`server/<platform>-<arch>/`), then `PATH`. Pure (no `vscode` import) so that unit
// tests can drive it with a fake file system.
//
// The setting names an executable, so the workspace must never choose it: it is machine-scoped
// (user settings only, see package.json) and must be an absolute path (`~` for the home folder
// is expanded). A relative path, or one with `${workspaceFolder}`, would resolve into the opened
// repository: it is refused with a message, and discovery goes on with the bundled binary and
// PATH.
import * as path from 'path';

export type ServerSource = 'setting' | 'bundled' | 'path';

export interface FoundServer {
  command: string;
  source: ServerSource;
}

export interface DiscoveryInput {
  /** The `connectorLs.server.path` setting (may be empty, or start with `~`; must be absolute). */
  configured: string | undefined;
  /** The extension's install folder. */
  extensionPath: string;
  platform: NodeJS.Platform;
  arch: string;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  /** Whether `p` is an executable file. */
  isExecutable: (p: string) => boolean;
}

/** A `connectorLs.server.path` that was not used because it is not an absolute path. */
export interface Rejected {
  configured: string;
}

export type Discovery =
  | { ok: true; server: FoundServer; rejected?: Rejected }
  | { ok: false; reason: 'configured-missing'; configured: string; resolved: string }
  | { ok: false; reason: 'not-found'; searched: string[]; rejected?: Rejected };

export const INSTALL_HINT =
  'Install the platform-specific extension (it carries the server), or the server itself with ' +
  '`pip install connector-ls` or `npm install -g connector-ls`, or `cargo install --locked --path crates/connector-ls` in a checkout of connector-ls ' +
  '(or put a built `connector-ls` on PATH), or set `connectorLs.server.path`.';

export function binaryName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'connector-ls.exe' : 'connector-ls';
}

/** The folders a bundled binary may be in, most specific first. */
export function bundledCandidates(extensionPath: string, platform: NodeJS.Platform, arch: string): string[] {
  const exe = binaryName(platform);
  return [
    path.join(extensionPath, 'server', `${platform}-${arch}`, exe),
    path.join(extensionPath, 'server', exe),
  ];
}

/** The setting as an absolute path, or undefined when it is not one (never resolved against the workspace). */
function expandConfigured(p: string, input: DiscoveryInput): string | undefined {
  let out = p.trim();
  if (out === '~' || out.startsWith('~/')) out = path.join(input.homeDir, out.slice(1));
  out = out.replace(/\$\{userHome\}/g, input.homeDir);
  if (out.includes('${')) return undefined;
  const absolute = input.platform === 'win32' ? path.win32.isAbsolute(out) : path.posix.isAbsolute(out);
  return absolute ? out : undefined;
}

/** Splits PATH the way the platform does, with PATHEXT on Windows. */
export function pathCandidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const sep = platform === 'win32' ? ';' : ':';
  const raw = env.PATH ?? env.Path ?? '';
  const exe = binaryName(platform);
  return raw
    .split(sep)
    .filter((d) => d.length > 0)
    .map((d) => (platform === 'win32' ? path.win32.join(d, exe) : path.posix.join(d, exe)));
}

export function findServer(input: DiscoveryInput): Discovery {
  const configured = input.configured?.trim();
  let rejected: Rejected | undefined;
  if (configured) {
    const resolved = expandConfigured(configured, input);
    if (resolved === undefined) {
      rejected = { configured };
    } else {
      if (input.isExecutable(resolved)) return { ok: true, server: { command: resolved, source: 'setting' } };
      // An explicit setting that points nowhere is an error, not a reason to silently use another binary.
      return { ok: false, reason: 'configured-missing', configured, resolved };
    }
  }
  const extra = rejected ? { rejected } : {};
  const searched: string[] = [];
  for (const c of bundledCandidates(input.extensionPath, input.platform, input.arch)) {
    searched.push(c);
    if (input.isExecutable(c)) return { ok: true, server: { command: c, source: 'bundled' }, ...extra };
  }
  for (const c of pathCandidates(input.env, input.platform)) {
    searched.push(c);
    if (input.isExecutable(c)) return { ok: true, server: { command: c, source: 'path' }, ...extra };
  }
  return { ok: false, reason: 'not-found', searched, ...extra };
}

/** The message for a setting that was refused because it is not an absolute path ('' when none was). */
export function rejectedMessage(d: Discovery): string {
  const r = 'rejected' in d ? d.rejected : undefined;
  if (!r) return '';
  return (
    `connector-ls: connectorLs.server.path must be an absolute path; ${JSON.stringify(r.configured)} is not, so it was ignored ` +
    '(a relative path would pick a binary inside the opened folder). Using the bundled binary or the one on PATH instead.'
  );
}

/** One human message for a failed discovery (shown once, with the install command). */
export function discoveryMessage(d: Discovery): string {
  if (d.ok) return '';
  if (d.reason === 'configured-missing') {
    return (
      `connector-ls: connectorLs.server.path points to ${d.resolved}, which does not exist or is not executable. ` +
      'Fix or clear the setting; to install the server: `pip install connector-ls`, `npm install -g connector-ls`, ' +
      'or `cargo install --locked --path crates/connector-ls` in a checkout of connector-ls.'
    );
  }
  return `connector-ls: the language server binary \`connector-ls\` was not found (not bundled, not on PATH). ${INSTALL_HINT}`;
}
