import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, parse, sep } from 'node:path';
import type { NextConfig } from 'next';

// Turbopack reads no file outside its root. The test suite links this project's packages to the repository's
// installed ones, in another folder, so the root is the folder both are in. A project with its own
// node_modules needs none of this.
const installedNext = realpathSync(createRequire(`${process.cwd()}/`).resolve('next/package.json'));
const root = commonFolder(process.cwd(), dirname(installedNext));

function commonFolder(a: string, b: string): string {
  const [left, right] = [a.split(sep), b.split(sep)];
  let shared = 0;
  while (shared < left.length && left[shared] === right[shared]) shared++;
  return left.slice(0, shared).join(sep) || parse(a).root;
}

const config: NextConfig = { turbopack: { root } };
export default config;
