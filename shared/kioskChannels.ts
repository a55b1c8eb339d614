/**
 * Channel names of the KioskApi contract (re-exported by `contract.ts`). Plain strings in their own
 * file so the sandboxed preload can be bundled without the schemas.
 */

/** IPC channel of each method. */
export const KIOSK_CHANNELS = {
  getState: 'kiosk:state:get',
  submitScan: 'kiosk:scan:submit',
  chooseDirection: 'kiosk:scan:choose-direction',
  setScannerTest: 'kiosk:scanner-test:set',
  updateSettings: 'kiosk:settings:update',
  sendNow: 'kiosk:upload:send-now',
  enroll: 'kiosk:upload:enroll',
  setAdminPin: 'kiosk:admin:set-pin',
  exitKiosk: 'kiosk:admin:exit',
  setLanguage: 'kiosk:settings:set-language',
  unlockAdmin: 'kiosk:admin:unlock',
  lockAdmin: 'kiosk:admin:lock',
  listScans: 'kiosk:log:list',
  exportCsv: 'kiosk:log:export-csv',
  insideNow: 'kiosk:log:inside-now',
  setCounterOptions: 'kiosk:counter:set-options',
  venueQr: 'kiosk:venue:qr',
  purgeExpired: 'kiosk:admin:purge-expired',
  recordManual: 'kiosk:scan:record-manual',
  submitDeclaration: 'kiosk:scan:submit-declaration',
  hourlyCounts: 'kiosk:log:hourly-counts',
} as const;

/** Events the core pushes to every page, named in the past tense. */
export const KIOSK_EVENTS = {
  /** Every scan's result, whatever its source and outcome (pages show results from this event). */
  'scan-handled': { channel: 'kiosk:scan:handled' },
  'settings-changed': { channel: 'kiosk:settings:changed' },
  'upload-status-changed': { channel: 'kiosk:upload:status-changed' },
  'storage-changed': { channel: 'kiosk:storage:changed' },
} as const;
