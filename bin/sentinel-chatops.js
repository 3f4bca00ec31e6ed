#!/usr/bin/env node
'use strict';
// Launcher: the compiled CLI when built (npm run build), otherwise the TypeScript source through @swc-node/register.
const fs = require('node:fs');
const path = require('node:path');

const built = path.join(__dirname, '..', 'dist', 'src', 'cli.js');
let cli;
if (fs.existsSync(built)) {
  cli = require(built);
} else {
  require('@swc-node/register');
  cli = require('../src/cli.ts');
}
cli.runCli();
