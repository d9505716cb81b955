// Copies a built connector-ls binary into server/<platform>-<arch>/ so that the packaged .vsix
// carries it (the extension looks there before PATH).
//   node scripts/bundle-server.mjs [BINARY]   (default ../../target/release/connector-ls)
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const exe = process.platform === 'win32' ? 'connector-ls.exe' : 'connector-ls';
const from = resolve(process.argv[2] ?? join(here, '..', '..', '..', 'target', 'release', exe));
if (!existsSync(from)) {
  console.error(`no server binary at ${from}: build it first (cargo build --release -p connector-ls)`);
  process.exit(1);
}
const dir = join(here, '..', 'server', `${process.platform}-${process.arch}`);
mkdirSync(dir, { recursive: true });
copyFileSync(from, join(dir, exe));
chmodSync(join(dir, exe), 0o755);
console.log(`bundled ${from} -> ${join(dir, exe)}`);
