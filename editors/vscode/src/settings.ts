// Mapping VS Code settings (`connectorLs.*`) to the server's configuration object (the
// `initializationOptions` and the `connectorLs` section of `workspace/configuration`). Pure.

export type SeverityName = 'error' | 'warning' | 'info' | 'hint' | 'off';
export type Publisher = 'verified' | 'independent' | 'auto';

/** What the server reads (camelCase; see crates/connector-ls-lsp/src/config.rs). */
export interface ServerSettings {
  debounceMs: number;
  severity: Record<string, SeverityName>;
  disabled: string[];
  certification: boolean;
  publisher: Publisher;
  docsBaseUrl: string;
  /** Breaking changes against git (the server reports none outside a repository). */
  breakingChanges: boolean;
  /** The git ref to compare with; empty: the merge-base with the default branch. */
  baseRef: string;
}

/** Reads one setting below `connectorLs.` (a `WorkspaceConfiguration.get` in the extension). */
export type Getter = (key: string) => unknown;

const SEVERITIES = new Set<string>(['error', 'warning', 'info', 'hint', 'off']);
const PUBLISHERS = new Set<string>(['verified', 'independent', 'auto']);

export const DEFAULTS: ServerSettings = {
  debounceMs: 150,
  severity: {},
  disabled: [],
  certification: true,
  publisher: 'auto',
  docsBaseUrl: '',
  breakingChanges: true,
  baseRef: '',
};

/**
 * Builds the server settings, dropping values the server would reject (and saying which): a
 * mistyped setting must not make the server ignore the whole object.
 */
export function toServerSettings(get: Getter, problems: string[] = []): ServerSettings {
  const out: ServerSettings = { ...DEFAULTS, severity: {}, disabled: [] };

  const debounce = get('debounceMs');
  if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0) {
    out.debounceMs = Math.min(Math.round(debounce), 10_000);
  } else if (debounce !== undefined && debounce !== null) {
    problems.push(`connectorLs.debounceMs: expected a number >= 0, got ${JSON.stringify(debounce)}`);
  }

  const severity = get('severity');
  if (severity && typeof severity === 'object' && !Array.isArray(severity)) {
    for (const [code, value] of Object.entries(severity as Record<string, unknown>)) {
      const v = typeof value === 'string' ? value.toLowerCase() : value;
      if (typeof v === 'string' && SEVERITIES.has(v)) out.severity[code] = v as SeverityName;
      else if (v === 'none') out.severity[code] = 'off';
      else problems.push(`connectorLs.severity.${code}: expected error|warning|info|hint|off, got ${JSON.stringify(value)}`);
    }
  }

  const disabled = get('disabled');
  if (Array.isArray(disabled)) {
    out.disabled = [...new Set(disabled.filter((c): c is string => typeof c === 'string' && c.trim() !== '').map((c) => c.trim()))];
  }

  const certification = get('certification');
  if (typeof certification === 'boolean') out.certification = certification;

  const publisher = get('publisher');
  if (typeof publisher === 'string' && PUBLISHERS.has(publisher.toLowerCase())) {
    out.publisher = publisher.toLowerCase() as Publisher;
  } else if (publisher !== undefined && publisher !== null && publisher !== '') {
    problems.push(`connectorLs.publisher: expected verified|independent|auto, got ${JSON.stringify(publisher)}`);
  }

  const docs = get('docsBaseUrl');
  if (typeof docs === 'string') out.docsBaseUrl = docs.trim();

  const breaking = get('breakingChanges');
  if (typeof breaking === 'boolean') out.breakingChanges = breaking;

  const baseRef = get('baseRef');
  if (typeof baseRef === 'string') out.baseRef = baseRef.trim();

  return out;
}

/**
 * Diagnostic codes that VS Code's own JSON validation also reports, on the same ranges: syntax
 * (VS Code's JSON parser) and schema violations of apiProperties.json / settings.json (VS Code
 * validates them against the same schemas, which this extension associates).
 */
export const JSON_DUPLICATE_CODES = new Set([
  'JsonSyntaxError',
  'JsonNonStandard',
  'DuplicateKey',
  'ApiPropertiesSchemaViolation',
  'ApiPropertiesUnknownProperty',
  'SettingsSchemaViolation',
]);

/** Whether our diagnostic with `code` should be hidden because VS Code already shows it. */
export function hiddenAsDuplicate(code: unknown, hideDuplicates: boolean, vscodeJsonValidates: boolean): boolean {
  if (!hideDuplicates || !vscodeJsonValidates) return false;
  const c = typeof code === 'object' && code !== null && 'value' in code ? (code as { value: unknown }).value : code;
  return typeof c === 'string' && JSON_DUPLICATE_CODES.has(c);
}

/** Glob patterns (document selector) of the files the server handles. */
export function filePatterns(extra: unknown): string[] {
  const base = ['**/apiDefinition.swagger.json', '**/apiProperties.json', '**/settings.json'];
  const more = Array.isArray(extra) ? extra.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
  return [...new Set([...base, ...more.map((p) => p.trim())])];
}

/** Settings files of VS Code itself, never a connector's `settings.json`. */
export function isEditorSettingsFile(fsPath: string): boolean {
  const p = fsPath.replace(/\\/g, '/');
  return /\/\.vscode\/[^/]*$/.test(p) || /\/User\/(profiles\/[^/]+\/)?settings\.json$/.test(p);
}

/**
 * Settings that reach an executable, git or the file system, or send the user to a URL: in an
 * untrusted workspace only their user (or default) values count, never the values a repository
 * ships in `.vscode/settings.json` or a `.code-workspace` file. Listed as
 * `capabilities.untrustedWorkspaces.restrictedConfigurations` in package.json too (VS Code then
 * applies the same rule); the extension does not rely on that alone.
 */
export const RESTRICTED_SETTINGS = ['server.path', 'baseRef', 'breakingChanges', 'docsBaseUrl', 'files'] as const;

/** What `WorkspaceConfiguration.inspect` returns, reduced to what is used here. */
export interface Inspected {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * A getter that honours workspace trust. `get` is the merged value; `inspect` the value per
 * level. Trusted: the merged value. Untrusted: for a restricted setting, the user's value or the
 * default, whatever the workspace says.
 */
export function trustedGetter(get: Getter, inspect: (key: string) => Inspected | undefined, trusted: boolean): Getter {
  if (trusted) return get;
  const restricted = new Set<string>(RESTRICTED_SETTINGS);
  return (key) => {
    if (!restricted.has(key)) return get(key);
    const i = inspect(key);
    return i?.globalValue !== undefined ? i.globalValue : i?.defaultValue;
  };
}

/**
 * The server settings for an untrusted workspace: breaking changes are off, since they run git
 * in the repository and git reads the repository's own configuration (VS Code's git support is
 * off in such a workspace as well). Trusting the folder turns them back on.
 */
export function restrictForTrust(s: ServerSettings, trusted: boolean): ServerSettings {
  return trusted ? s : { ...s, breakingChanges: false, baseRef: '' };
}
