import { uploadDrainFigures } from './uploadDrain';
console.log(JSON.stringify(await uploadDrainFigures(Number(process.argv[2] ?? 100000))));
