#!/usr/bin/env node
'use strict';
// `npm pack` / `npm publish` run this first (the `prepack` task): a package without the compiled library
// would install, then fail at the first `require('cdk8s-macvlan')`. Build with `npx projen build` first.
const fs = require('fs');
const path = require('path');

const root = process.argv[2] ? path.resolve(process.argv[2]) : path.join(__dirname, '..');
const needed = ['lib/index.js', 'lib/index.d.ts', 'lib/cli/main.js', '.jsii'];
const missing = needed.filter(f => !fs.existsSync(path.join(root, f)));
if (missing.length > 0) {
  process.stderr.write(`cdk8s-macvlan: refusing to pack: ${missing.join(', ')} missing in ${root}. Fix: run \`npx projen build\` (or \`npx projen compile\`) first.\n`);
  process.exitCode = 1;
}
