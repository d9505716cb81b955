#!/usr/bin/env node
// Builds the npm tarballs, with the version stamped from Cargo.toml ([workspace.package]).
//   node packaging/npm/pack.mjs main OUT_DIR
//       the `connector-ls` package (launcher; optionalDependencies on every platform package)
//   node packaging/npm/pack.mjs platform OUT_DIR BINARY [PLATFORM ARCH]
//       `@connector-ls/cli-PLATFORM-ARCH` with BINARY inside (default: this machine's platform/arch)
// Prints the path of the tarball it wrote. Sources are not modified: each package is staged
// in OUT_DIR/stage/ first.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const PLATFORMS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];

function die(msg) {
  console.error(`pack.mjs: ${msg}`);
  process.exit(2);
}

function version() {
  return execFileSync('bash', [join(root, 'packaging', 'version.sh')], { encoding: 'utf8' }).trim();
}

function pack(dir, out) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = execFileSync(npm, ['pack', '--json', '--pack-destination', out], { cwd: dir, encoding: 'utf8', shell: process.platform === 'win32' });
  return join(out, JSON.parse(res)[0].filename);
}

const [kind, outArg, ...rest] = process.argv.slice(2);
if (!kind || !outArg) die('usage: pack.mjs main OUT_DIR | pack.mjs platform OUT_DIR BINARY [PLATFORM ARCH]');
const out = resolve(outArg);
const v = version();
mkdirSync(out, { recursive: true });

if (kind === 'main') {
  const stage = join(out, 'stage', 'connector-ls');
  rmSync(stage, { recursive: true, force: true });
  cpSync(join(here, 'connector-ls'), stage, { recursive: true });
  const pj = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
  pj.version = v;
  pj.optionalDependencies = Object.fromEntries(PLATFORMS.map((p) => [`@connector-ls/cli-${p}`, v]));
  writeFileSync(join(stage, 'package.json'), JSON.stringify(pj, null, 2) + '\n');
  chmodSync(join(stage, 'bin', 'connector-ls'), 0o755);
  console.log(pack(stage, out));
} else if (kind === 'platform') {
  const [binary, platform = process.platform, arch = process.arch] = rest;
  if (!binary || !existsSync(binary)) die(`no binary at ${binary ?? '(none given)'}`);
  if (!PLATFORMS.includes(`${platform}-${arch}`)) die(`unsupported platform ${platform}-${arch} (supported: ${PLATFORMS.join(', ')})`);
  const exe = platform === 'win32' ? 'connector-ls.exe' : 'connector-ls';
  const stage = join(out, 'stage', `cli-${platform}-${arch}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const fill = (s) => s.replaceAll('@PLATFORM@', platform).replaceAll('@ARCH@', arch).replaceAll('@VERSION@', v).replaceAll('@EXE@', exe);
  writeFileSync(join(stage, 'package.json'), fill(readFileSync(join(here, 'platform', 'package.json.in'), 'utf8')));
  writeFileSync(join(stage, 'README.md'), fill(readFileSync(join(here, 'platform', 'README.md.in'), 'utf8')));
  copyFileSync(binary, join(stage, exe));
  chmodSync(join(stage, exe), 0o755);
  console.log(pack(stage, out));
} else {
  die(`unknown kind ${kind}`);
}
