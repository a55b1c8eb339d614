/** Enrolled devices (kiosks): the records, and what each engine's `deviceQueries.ts` answers. */

export interface DeviceRecord {
  readonly id: string;
  readonly venueId: string;
  readonly venueName: string;
  readonly name: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  /** The device's last report: a batch of scans or an empty one (its heartbeat, every upload cycle). */
  readonly lastUploadAt: string | null;
  readonly pendingCount: number | null;
  readonly appVersion: string | null;
  /** Last estimated device clock error, ms (server time minus device time). */
  readonly clockOffsetMs: number | null;
  /** The kiosk's Ed25519 public key (base64url), which signs the scan files it exports; null for a kiosk without one. */
  readonly publicKey: string | null;
}

export interface NewDevice {
  readonly id: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly appVersion: string | null;
  /** The kiosk's device public key, when it has one (checked by the caller: its proof, or the file's signature). */
  readonly publicKey?: string | null;
  /**
   * True for a kiosk enrolled by an import: `tokenHash` is one nobody holds, and the kiosk's own
   * enrollment with its key and the code gives it its first token, once (default false).
   */
  readonly awaitingToken?: boolean;
}

export interface DeviceQueries {
  /** The device holding this token hash, with its venue, or null. Revoked devices are returned. */
  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null>;
  /** The device registered with this public key, with its venue, or null. Revoked devices are returned. */
  findDeviceByPublicKey(publicKey: string): Promise<DeviceRecord | null>;
  revokeDevice(deviceId: string, now: string): Promise<boolean>;
  /**
   * Gives a device that has no public key this one (a kiosk enrolled before device keys, through
   * its authenticated upload); false when it has one already or another device holds this key.
   */
  registerDevicePublicKey(deviceId: string, publicKey: string): Promise<boolean>;
  /** Gives a device the name people know it by; false when there is no such device. */
  renameDevice(deviceId: string, name: string): Promise<boolean>;
  listDevices(): Promise<DeviceRecord[]>;
}
