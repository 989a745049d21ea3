import { runCli } from './run-cli';

// `zwfw verify x.pdf | head`: a closed pipe is not an error. Stop writing and still exit with the command's code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

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
