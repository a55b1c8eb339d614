/**
 * Maintenance CLI for IT staff. `npm run --silent cli -- parse` reads one payload a line on stdin
 * and prints one JSON object a line, to see what a scanner really sends.
 */
import { existsSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { decodeCode } from '../../shared/codes/decodeCode';
import { PIN_PATTERN, storeAdminPin } from './AdminSession';
import { HidPosAssembler } from './scanners/HidPosAssembler';
import { openDatabase } from './store/openDatabase';
import { DATABASE_FILE } from './store/openKioskDatabase';
import { writeUnsentScanFile } from './handover/unsentScanFile';
import { KioskMethodError } from '../../shared/contract';

const USAGE = `usage: npm run --silent cli -- <command>
commands:
  parse       read one payload a line on stdin; print {"kind","valid","idNumber","fullName","birthDate","gender","problems"} a line
  hid-decode  read HID POS reports as hex, one 64-byte report a line (report ID first); print {"aim","symbology","text"} per scan
              (malformed reports print {"error": "..."})
  reset-pin --data DIR
              district IT: set a new admin PIN for a kiosk whose PIN is forgotten or locked out; the new
              PIN is read from stdin (never a flag: flags show in ps). Works while the kiosk runs.
  export --data DIR --out FILE
              district IT: write every scan the district has not confirmed to one sealed file (for a USB
              stick); FILE may be a folder (the file is then named for what it holds). Prints the count
              and the file. Works while the kiosk runs; the kiosk marks the scans delivered only when
              the district's receipt is scanned at it.`;

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
      process.stdout.write(
        `${JSON.stringify(event.type === 'scan' ? { aim: event.aim, symbology: event.symbology, text: event.text } : { error: event.message })}\n`,
      );
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

/** Sets a new admin PIN, read from stdin, in the kiosk database of `--data`; clears any lockout. */
async function resetPin(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { data: { type: 'string' } } });
  if (!values.data) {
    process.stderr.write(`cli: reset-pin needs --data DIR\n${USAGE}\n`);
    return 2;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let pin = '';
  for await (const line of lines) {
    pin = line.trim();
    break;
  }
  lines.close();
  if (!PIN_PATTERN.test(pin)) {
    process.stderr.write('cli: the new PIN (on stdin) must be 4 to 8 digits\n');
    return 2;
  }
  const db = openDatabase(path.join(path.resolve(values.data), DATABASE_FILE));
  try {
    storeAdminPin(db, pin, 'it');
  } finally {
    db.close();
  }
  process.stdout.write('cli: admin PIN set; any lockout is cleared\n');
  return 0;
}

/** Writes the sealed file of every unsent scan in the kiosk database of `--data`. */
async function exportScans(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { data: { type: 'string' }, out: { type: 'string' } } });
  if (!values.data || !values.out) {
    process.stderr.write(`cli: export needs --data DIR and --out FILE\n${USAGE}\n`);
    return 2;
  }
  const out = path.resolve(values.out);
  const intoFolder = existsSync(out) && statSync(out).isDirectory();
  const db = openDatabase(path.join(path.resolve(values.data), DATABASE_FILE));
  try {
    const file = await writeUnsentScanFile(db, {
      now: new Date(),
      fallbackDeviceName: hostname(),
      choosePath: (fileName) => Promise.resolve(intoFolder ? path.join(out, fileName) : out),
    });
    if (!file) return 1;
    process.stdout.write(`cli: exported ${file.header.scanCount} scans to ${file.path}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof KioskMethodError)) throw error;
    const why =
      error.code === 'no-district-key'
        ? 'this kiosk holds no district key (never enrolled nor set up from a setup sheet): nothing to seal to'
        : error.code === 'nothing-to-export'
          ? 'nothing to export: the district has every scan of this kiosk'
          : error.message;
    process.stderr.write(`cli: ${why}\n`);
    return 1;
  } finally {
    db.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  switch (argv[0]) {
    case 'reset-pin':
      return resetPin(argv.slice(1));
    case 'export':
      return exportScans(argv.slice(1));
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
