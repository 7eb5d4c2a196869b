// What every command-line tool shares: a refusal is one clear line on stderr and
// a non-zero exit code (1 for a refusal, 2 for a usage mistake); success prints
// its one line on stdout.

/** A usage or input problem: printed as it is, with exit code 1 (2 for usage). */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Runs a command's main function and turns its outcome into output and an exit code. */
export function runCommand(main: () => Promise<string>): void {
  main().then(
    (done) => process.stdout.write(`${done}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = err instanceof Refusal ? err.exitCode : 1;
    },
  );
}
