export { runCli, buildProgram, ExitCode } from './program.ts';
export type { Output } from './lifecycle.ts';
