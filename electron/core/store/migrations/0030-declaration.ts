import type { Migration } from './index';

/**
 * The self-service health declaration's summary: `all-no`, or `yes:1,3` (which questions were
 * answered yes). Never the question texts, never more than the venue asked.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'declaration',
  up: `ALTER TABLE scans ADD COLUMN declaration TEXT;`,
};
