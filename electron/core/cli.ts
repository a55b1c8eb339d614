/**
 * Maintenance CLI for IT staff. `npm run --silent cli -- parse` reads one payload a line on stdin
 * and prints one JSON object a line, to see what a scanner really sends.
 */
import { createInterface } from 'node:readline';
import { decodeCode } from '../../shared/codes/decodeCode';
import { HidPosAssembler } from './scanners/HidPosAssembler';

const USAGE = `usage: npm run --silent cli -- <command>
commands:
  parse       read one payload a line on stdin; print {"kind","valid","idNumber","fullName","birthDate","gender","problems"} a line
  hid-decode  read HID POS reports as hex, one 64-byte report a line (report ID first); print {"aim","symbology","text"} per scan
              (malformed reports print {"error": "..."})`;

async function hidDecode(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const assembler = new HidPosAssembler();
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    const hex = line.replace(/[\s:]/g, '');
    if (hex === '') continue;
    if (!/^([0-9a-fA-F]{2})+$/.test(hex)) {
      process.stdout.write(`${JSON.stringify({ error: `cli: line ${lineNumber} is not hex bytes` })}\n`);
      continue;
    }
    // Reports on stdin have no timing: each is taken as arriving right after the previous one.
    for (const event of assembler.push(Buffer.from(hex, 'hex'), lineNumber)) {
      process.stdout.write(`${JSON.stringify(event.type === 'scan' ? { aim: event.aim, symbology: event.symbology, text: event.text } : { error: event.message })}\n`);
    }
  }
}

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
    case 'hid-decode':
      await hidDecode();
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
