/** Runs upload.drain in its own process, so peak RSS is the kiosk core's alone. Prints figures as JSON. */
import { uploadDrainFigures } from './uploadDrain';

const count = Number(process.argv[2] ?? 50_000);
uploadDrainFigures(count).then(
  (figures) => {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
