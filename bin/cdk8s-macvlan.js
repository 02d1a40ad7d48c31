#!/usr/bin/env node
'use strict';
// cdk8s-macvlan CLI shim: the compiled CLI in the published package, the TypeScript sources in a checkout.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'lib', 'cli', 'main.js');
let cli;
if (fs.existsSync(compiled)) {
  cli = require(compiled);
} else {
  const project = path.join(root, 'tsconfig.dev.json');
  require('ts-node').register({ transpileOnly: true, ...(fs.existsSync(project) ? { project } : { dir: root }) });
  cli = require('../src/cli/main');
}

cli.main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`cdk8s-macvlan: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
