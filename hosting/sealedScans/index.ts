/** The USB hand-over of a kiosk with no network: keys, the sealed scan file, the district's receipt. */
export * from './keys';
export * from './receipt';
export * from './scanFile';
