// Recognises pasted certification validator output (the PR pipeline's `##[error]... ValuePath:`
// lines, paconn's `Error : path : message` entries or its JSON error, and coded lines such as
// `error ExtensionNameNotValid: ...`), so "Connector: Show validator output" can take it from the
// clipboard. The server does the parsing; this only decides whether the clipboard is worth sending.

const PATTERNS: RegExp[] = [
  /##\[(error|warning)\]/i,
  /##vso\[task\.logissue/i,
  /ValuePath:/,
  /\b(Error|Warning|Critical) : /,
  /SwaggerCertificationFailed/,
  /^\s*(error|warning) [A-Z][A-Za-z0-9]+: /m,
];

/** Whether `text` holds at least one line of validator output. */
export function looksLikeValidatorOutput(text: string | undefined): boolean {
  if (!text || !text.trim()) return false;
  // A huge clipboard is still checked, but only its start.
  const head = text.length > 1_000_000 ? text.slice(0, 1_000_000) : text;
  return PATTERNS.some((p) => p.test(head));
}

export interface ValidatorSummary {
  entries: number;
  placed: number;
  unplaced: { line: number; text: string; reason: string }[];
}

/** The message shown after the server placed the output. */
export function summaryMessage(r: ValidatorSummary): string {
  if (r.entries === 0) return 'Connector: no validator output found in the text.';
  const head = `Connector: ${r.placed} of ${r.entries} validator line(s) shown in the Problems view`;
  if (r.unplaced.length === 0) return `${head}.`;
  const lines = r.unplaced.map((u) => u.line).join(', ');
  return `${head}; ${r.unplaced.length} could not be placed (input line(s) ${lines}, details in the output).`;
}
