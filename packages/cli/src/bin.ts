import { runCli } from './run-cli';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // runCli never rejects; this is a last guard that still prints no stack trace.
    process.stderr.write(`zwfw: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
