import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError } from './errors';

/** Reads a file given on the command line; a missing or unreadable file is an `ERR_CLI_INPUT` naming it. */
export async function readInputFile(cwd: string, path: string): Promise<Uint8Array> {
  const full = resolve(cwd, path);
  try {
    return new Uint8Array(await readFile(full));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'unreadable');
    throw new CliError('ERR_CLI_INPUT', `Cannot read "${path}": ${reason}. Check the path.`, { cause: error });
  }
}

/** Reads a UTF-8 text file given on the command line (a leading BOM is dropped). */
export async function readInputText(cwd: string, path: string): Promise<string> {
  const text = new TextDecoder('utf-8').decode(await readInputFile(cwd, path));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Writes an output file, creating its folder. */
export async function writeOutputFile(cwd: string, path: string, data: Uint8Array | string): Promise<string> {
  const full = resolve(cwd, path);
  try {
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, data);
    return full;
  } catch (error) {
    throw new CliError('ERR_CLI_INPUT', `Cannot write "${path}": ${(error as Error).message}.`, { cause: error });
  }
}

/** Splits concatenated PEM blocks of one type into DER byte arrays; DER input is returned as is. */
export function pemToDerList(data: Uint8Array, label = 'CERTIFICATE'): Uint8Array[] {
  const text = new TextDecoder('latin1').decode(data);
  if (!text.includes('-----BEGIN')) return [data];
  const pattern = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`, 'g');
  const blocks: Uint8Array[] = [];
  for (const match of text.matchAll(pattern)) {
    blocks.push(new Uint8Array(Buffer.from((match[1] ?? '').replace(/\s+/g, ''), 'base64')));
  }
  return blocks;
}
