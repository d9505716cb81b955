// Mapping VS Code settings (`connectorLs.*`) to the server's configuration object (the
// `initializationOptions` and the `connectorLs` section of `workspace/configuration`). Pure.

export type SeverityName = 'error' | 'warning' | 'info' | 'hint' | 'off';
export type Publisher = 'verified' | 'independent' | 'auto';

/**
 * What the server reads (camelCase; see crates/connector-ls-lsp/src/config.rs). A key is left out
 * only when neither the setting nor its default (package.json) is valid; the server then keeps its
 * own default, which a test (`server_setting_defaults_are_those_of_the_vscode_extension` in
 * tests/tests/lsp.rs) holds equal to package.json's.
 */
export interface ServerSettings {
  debounceMs?: number;
  severity?: Record<string, SeverityName>;
  disabled?: string[];
  certification?: boolean;
  publisher?: Publisher;
  docsBaseUrl?: string;
  /** Breaking changes against git (the server reports none outside a repository). */
  breakingChanges?: boolean;
  /** The git ref to compare with; empty: the merge-base with the default branch. */
  baseRef?: string;
  /**
   * VS Code validates JSON syntax and the apiProperties.json / settings.json schemas itself: the
   * server leaves out, for open documents, the findings that validation already shows. True while
   * `connectorLs.hideJsonDuplicates` and `json.validate.enable` are both on.
   */
  jsonValidatedByClient: boolean;
}

/** Reads one setting below `connectorLs.` (a `WorkspaceConfiguration.get` in the extension). */
export type Getter = (key: string) => unknown;

const SEVERITIES = new Set<string>(['error', 'warning', 'info', 'hint', 'off']);
const PUBLISHERS = new Set<string>(['verified', 'independent', 'auto']);

/** A setting's value as the server takes it, or `undefined` (with the reason) when it is not valid. */
type Parse<T> = (value: unknown, problems: string[]) => T | undefined;

const parseDebounce: Parse<number> = (v, problems) => {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.min(Math.round(v), 10_000);
  problems.push(`connectorLs.debounceMs: expected a number >= 0, got ${JSON.stringify(v)}`);
  return undefined;
};

const parseSeverity: Parse<Record<string, SeverityName>> = (v, problems) => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    problems.push(`connectorLs.severity: expected an object of code: severity, got ${JSON.stringify(v)}`);
    return undefined;
  }
  const out: Record<string, SeverityName> = {};
  for (const [code, value] of Object.entries(v as Record<string, unknown>)) {
    const s = typeof value === 'string' ? value.toLowerCase() : value;
    if (typeof s === 'string' && SEVERITIES.has(s)) out[code] = s as SeverityName;
    else if (s === 'none') out[code] = 'off';
    else problems.push(`connectorLs.severity.${code}: expected error|warning|info|hint|off, got ${JSON.stringify(value)}`);
  }
  return out;
};

const parseDisabled: Parse<string[]> = (v, problems) => {
  if (!Array.isArray(v)) {
    problems.push(`connectorLs.disabled: expected a list of rule codes, got ${JSON.stringify(v)}`);
    return undefined;
  }
  return [...new Set(v.filter((c): c is string => typeof c === 'string' && c.trim() !== '').map((c) => c.trim()))];
};

const parseBoolean =
  (key: string): Parse<boolean> =>
  (v, problems) => {
    if (typeof v === 'boolean') return v;
    problems.push(`connectorLs.${key}: expected true or false, got ${JSON.stringify(v)}`);
    return undefined;
  };

const parsePublisher: Parse<Publisher> = (v, problems) => {
  if (typeof v === 'string' && PUBLISHERS.has(v.toLowerCase())) return v.toLowerCase() as Publisher;
  problems.push(`connectorLs.publisher: expected verified|independent|auto, got ${JSON.stringify(v)}`);
  return undefined;
};

const parseText =
  (key: string): Parse<string> =>
  (v, problems) => {
    if (typeof v === 'string') return v.trim();
    problems.push(`connectorLs.${key}: expected a string, got ${JSON.stringify(v)}`);
    return undefined;
  };

/** The settings the server reads, each with how its value is checked. */
const SERVER_KEYS = {
  debounceMs: parseDebounce,
  severity: parseSeverity,
  disabled: parseDisabled,
  certification: parseBoolean('certification'),
  publisher: parsePublisher,
  docsBaseUrl: parseText('docsBaseUrl'),
  breakingChanges: parseBoolean('breakingChanges'),
  baseRef: parseText('baseRef'),
} satisfies Record<string, Parse<unknown>>;

/** The `connectorLs.*` settings the server reads under the same name (the others are the extension's). */
export const SERVER_SETTING_KEYS = Object.keys(SERVER_KEYS);

/**
 * Builds the server settings from `get` (the value in effect), dropping values the server would
 * reject (and saying which): a mistyped setting must not make the server ignore the whole object.
 * A dropped value is replaced by its default, `defaults` (VS Code's `inspect(key).defaultValue`,
 * which comes from package.json: the one place the defaults are written).
 */
export function toServerSettings(get: Getter, defaults: Getter, vscodeValidatesJson: boolean, problems: string[] = []): ServerSettings {
  const out: ServerSettings = { jsonValidatedByClient: false };
  const target = out as unknown as Record<string, unknown>;
  for (const [key, parse] of Object.entries(SERVER_KEYS) as [string, Parse<unknown>][]) {
    const value = get(key);
    let parsed = value === undefined || value === null ? undefined : parse(value, problems);
    if (parsed === undefined) {
      const fallback = defaults(key);
      // A default that does not parse is a bug of package.json, caught by the unit tests.
      parsed = fallback === undefined ? undefined : parse(fallback, []);
    }
    if (parsed !== undefined) target[key] = parsed;
  }
  const hide = get('hideJsonDuplicates') ?? defaults('hideJsonDuplicates');
  out.jsonValidatedByClient = hide !== false && vscodeValidatesJson;
  return out;
}

/**
 * A getter of the defaults declared in package.json (`contributes.configuration`), for code that
 * has no VS Code to ask (the unit tests).
 */
export function packageJsonDefaults(pkg: unknown): Getter {
  const props = (pkg as { contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } } })
    ?.contributes?.configuration?.properties ?? {};
  return (key) => props[`connectorLs.${key}`]?.default;
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
