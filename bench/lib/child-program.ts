import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildProgram {
  pid: number;
  /** The first capture group of `ready` from the program's output (e.g. the URL it listens on). */
  ready: string;
  /** Every line the program wrote (unless `keepOutput: false`: then the last 200), for failure reports. */
  output: string[];
  stop(): Promise<number | null>;
}

/** Entry points that run as compiled JavaScript instead (see `runCompiled`). */
const compiledEntries = new Map<string, string>();

/**
 * From now until the returned undo is called, `startChild(entry, …)` runs `file` (a bundle built
 * from `entry`) under plain `node`, with no tsx loader: what a scenario measuring the product
 * wants. Callers that start `entry` need no change.
 */
export function runCompiled(entry: string, file: string): () => void {
  compiledEntries.set(entry, file);
  return () => {
    if (compiledEntries.get(entry) === file) compiledEntries.delete(entry);
  };
}

/**
 * Runs a TypeScript entry point in its own Node process (through tsx's loader, so the pid is the
 * program itself; or its compiled bundle under plain `node`, see `runCompiled`) and waits until it
 * prints a line matching `ready`.
 */
export async function startChild(
  entry: string,
  args: string[],
  ready: RegExp,
  options: {
    env?: NodeJS.ProcessEnv;
    timeoutMs?: number;
    /** Called with every line the program writes (stdout and stderr), before and after it is ready. */
    onLine?: (line: string) => void;
    /** Keep every line in `output` (default true; programs that stream events turn it off). */
    keepOutput?: boolean;
    /** Called once the process exists, before it is ready (e.g. to sample its start-up). */
    onSpawn?: (pid: number) => void;
  } = {},
): Promise<ChildProgram> {
  const compiled = compiledEntries.get(entry);
  const argv = compiled === undefined ? ['--import', 'tsx', entry, ...args] : [compiled, ...args];
  const child: ChildProcess = spawn(process.execPath, argv, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) options.onSpawn?.(child.pid);
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const found = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new Error(
          `${entry} did not become ready in ${options.timeoutMs ?? 60_000} ms:\n${output.join('\n')}`,
        ),
      );
    }, options.timeoutMs ?? 60_000);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (options.keepOutput === false && output.length > 200) output.shift();
        options.onLine?.(line);
        const m = ready.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1] ?? line);
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${String(code)} before it was ready:\n${output.join('\n')}`));
    });
  });
  if (child.pid === undefined) throw new Error(`${entry} did not start`);
  return {
    pid: child.pid,
    ready: found,
    output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
