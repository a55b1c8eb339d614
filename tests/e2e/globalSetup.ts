import { useRunTmpDir } from '../support/runTmpDir';

/** The e2e run's temporary folders (kiosk data, servers, PDFs) in one folder removed at the end. */
export default function globalSetup(): () => void {
  return useRunTmpDir('kiosk-e2e-run-');
}
