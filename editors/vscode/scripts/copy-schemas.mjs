// Copies the project's JSON schemas (../../schemas/) into the extension, where package.json's
// `jsonValidation` (and, for Even Better TOML, `tomlValidation`) points. Tolerates their
// absence: then a permissive placeholder is written, so the association stays valid and VS
// Code's JSON features keep working.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '..', '..', '..', 'schemas');
const target = join(here, '..', 'schemas');
mkdirSync(target, { recursive: true });
for (const name of ['apiProperties.json', 'settings.json', 'connector-ls.schema.json']) {
  const from = join(source, name);
  const to = join(target, name);
  if (existsSync(from)) {
    copyFileSync(from, to);
    console.log(`schemas/${name}: copied from ${from}`);
  } else {
    const placeholder = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: `${name} of a Power Platform custom connector (placeholder: schemas/${name} not written yet)`,
      type: 'object',
    };
    writeFileSync(to, JSON.stringify(placeholder, null, 2) + '\n');
    console.log(`schemas/${name}: ${from} missing, wrote a permissive placeholder`);
  }
}
