// Copies a built connector-ls binary into server/<platform>-<arch>/ so that the packaged .vsix
// carries it (the extension looks there before PATH).
//   node scripts/bundle-server.mjs [BINARY] [--target VSCODE-TARGET]
// BINARY defaults to the distribution build, ../../target/dist/connector-ls (packaging/build-dist.sh).
// --target is a `vsce package --target` name (linux-x64, alpine-arm64, darwin-arm64, win32-x64, ...);
// default: this machine. Any binary bundled before is removed first: one .vsix, one server.
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let target = `${process.platform}-${process.arch}`;
const t = args.indexOf('--target');
if (t >= 0) {
  target = args[t + 1];
  args.splice(t, 2);
}
const m = /^(win32|linux|alpine|darwin)-(x64|arm64|armhf)$/.exec(target ?? '');
if (!m) {
  console.error(`unknown target ${target}: expected e.g. linux-x64, alpine-x64, darwin-arm64, win32-x64`);
  process.exit(2);
}
// The folder is named as the extension sees it at run time: process.platform-process.arch.
const platform = m[1] === 'alpine' ? 'linux' : m[1];
const arch = m[2] === 'armhf' ? 'arm' : m[2];
const exe = platform === 'win32' ? 'connector-ls.exe' : 'connector-ls';
const from = resolve(args[0] ?? join(here, '..', '..', '..', 'target', 'dist', exe));
if (!existsSync(from)) {
  console.error(`no server binary at ${from}: build it first (packaging/build-dist.sh)`);
  process.exit(1);
}
const serverDir = join(here, '..', 'server');
rmSync(serverDir, { recursive: true, force: true });
const dir = join(serverDir, `${platform}-${arch}`);
mkdirSync(dir, { recursive: true });
copyFileSync(from, join(dir, exe));
chmodSync(join(dir, exe), 0o755);
console.log(`bundled ${from} -> ${join(dir, exe)}`);
