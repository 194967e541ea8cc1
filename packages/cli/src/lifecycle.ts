/** Something that runs until asked to stop. */
export interface Stoppable {
  close(): Promise<void>;
}

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Keeps the process alive until SIGINT/SIGTERM, then closes everything in reverse start order.
 * A second signal exits at once.
 */
export function runUntilSignal(parts: Stoppable[], output: Output): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        output.err(`Received ${signal} again: exiting now.`);
        process.exit(130);
      }
      stopping = true;
      output.out(`\nStopping (${signal})…`);
      void (async () => {
        for (const p of [...parts].reverse()) {
          await p.close().catch((e: unknown) => {
            output.err(`While stopping: ${(e as Error).message}`);
          });
        }
        output.out('Stopped cleanly.');
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      })();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
