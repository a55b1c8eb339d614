/**
 * Where the save dialog of "Export to USB" opens: the first mounted removable drive, so the owner
 * only presses Save. Plain Node (no Electron), so it is tested without the Electron binary.
 * Linux mounts sticks under `/media/<user>` or `/run/media/<user>`; Windows gives them drive
 * letters (the first letter after C: that exists is taken: most PCs at a venue have one disk).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function mountsUnder(folder: string): string[] {
  try {
    return readdirSync(folder)
      .map((name) => path.join(folder, name))
      .filter((mount) => statSync(mount).isDirectory());
  } catch {
    return [];
  }
}

/** Mounted removable drives, best first; empty when none is found. */
export function removableDrives(platform: NodeJS.Platform = process.platform, user = os.userInfo().username): string[] {
  if (platform === 'win32')
    return 'DEFGHIJKLMNOPQRSTUVWXYZ'
      .split('')
      .map((letter) => `${letter}:\\`)
      .filter((drive) => existsSync(drive));
  if (platform === 'darwin') return mountsUnder('/Volumes').filter((mount) => mount !== '/Volumes/Macintosh HD');
  return [...mountsUnder(path.join('/media', user)), ...mountsUnder(path.join('/run/media', user))];
}

/** The dialog's starting path for `fileName`: on the first removable drive, else in the home folder. */
export function exportDefaultPath(fileName: string, drives: readonly string[] = removableDrives()): string {
  return path.join(drives[0] ?? os.homedir(), fileName);
}
