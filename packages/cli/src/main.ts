#!/usr/bin/env node
import { runCli } from './program.ts';
import { consoleOutput } from './lifecycle.ts';

const code = await runCli(process.argv.slice(2), consoleOutput);
process.exitCode = code;
if (code !== 0) process.exit(code);
