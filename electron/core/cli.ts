/**
 * Maintenance CLI for IT staff. `npm run --silent cli -- parse` reads one payload a line on stdin
 * and prints one JSON object a line, to see what a scanner really sends.
 */
import { createInterface } from 'node:readline';
import { decodeCode } from '../../shared/codes/decodeCode';

const USAGE = `usage: npm run --silent cli -- <command>
commands:
  parse   read one payload a line on stdin; print {"kind","valid","idNumber","fullName","birthDate","gender","problems"} a line`;

async function parseLines(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const code = decodeCode(line);
    const { kind, valid, idNumber, fullName, birthDate, gender, problems } = code;
    process.stdout.write(`${JSON.stringify({ kind, valid, idNumber, fullName, birthDate, gender, problems })}\n`);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  switch (argv[0]) {
    case 'parse':
      await parseLines();
      return 0;
    default:
      process.stderr.write(`cli: unknown command ${JSON.stringify(argv[0] ?? '')}\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`cli: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
