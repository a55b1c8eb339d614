/**
 * The district store on PostgreSQL. The scans table is partitioned by month on its UUIDv7 id (the
 * id begins with its millisecond timestamp), so the primary key is the id alone, ingest stays
 * idempotent by id across partitions, and retention drops whole partitions.
 */
import pg from 'pg';
import type { TraceAuditEntry } from '../../shared/district';
import type {
  ActivityWindow,
  DailyCount,
  DeviceRecord,
  DistrictStore,
  IngestReport,
  NewDevice,
  NewEnrollment,
  NewTraceAudit,
  NewUser,
  PresenceInterval,
  PresenceWindow,
  PresenceWindowPage,
  RedeemResult,
  ScanPage,
  SessionRecord,
  StoredScan,
  UserRecord,
  VenueActivity,
  VenueFields,
  VenueRecord,
} from './DistrictStore';
import { PASSAGES_SQL } from './dayCountsSql';
import {
  DEFAULT_DISTRICT_OFFSET_MIN,
  dayCountsOf,
  daysWhollyBefore,
  districtDayOf,
  voidedBy,
  voidsToCount,
  type VoidTarget,
} from '../ingest/dayCounts';
import {
  deviceFromRow,
  scanFromRow,
  sessionFromRow,
  traceAuditFromRow,
  userFromRow,
  venueActivityFromRow,
  venueFromRow,
} from './rowMappers';
import { migratePostgres } from './postgres/migrate';
import { POSTGRES_MIGRATIONS } from './postgres/migrations/index';
import { monthPartition, partitionEndMs, uuidMillis, type MonthPartition } from './postgres/partitions';
import { lockVenue, PostgresPresence } from './postgres/presence';

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

const DEVICE_SELECT = `SELECT d.*, v.name AS venue_name FROM devices d JOIN venues v ON v.id = d.venue_id`;

export class PostgresDistrictStore implements DistrictStore {
  private readonly pool: pg.Pool;
  private readonly knownPartitions = new Set<string>();
  private readonly presence = new PostgresPresence();

  private constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  private static pool(connectionString: string): pg.Pool {
    return new pg.Pool({
      connectionString,
      max: 8,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === TIMESTAMPTZ_OID) return (value: string) => new Date(value).toISOString();
          if (oid === INT8_OID) return (value: string) => Number(value);
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
  }

  /** Connects and creates the schema if the database is empty. */
  static async connect(connectionString: string): Promise<PostgresDistrictStore> {
    const pool = PostgresDistrictStore.pool(connectionString);
    const store = new PostgresDistrictStore(pool);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  /**
   * Connects to a read replica (a hot standby) for reads only: traces and statistics, off the
   * primary. Nothing is migrated; a replica whose schema is not this server's is refused. Writes
   * fail there (PostgreSQL refuses them on a standby).
   */
  static async connectReplica(connectionString: string): Promise<PostgresDistrictStore> {
    const pool = PostgresDistrictStore.pool(connectionString);
    try {
      const { rows } = await pool.query('SELECT max(version) AS version FROM schema_version');
      const latest = POSTGRES_MIGRATIONS[POSTGRES_MIGRATIONS.length - 1].version;
      if (Number(rows[0].version) !== latest)
        throw new Error(
          `server.store: the replica has schema version ${rows[0].version}, this server needs ${latest}; wait for the primary's migration to reach it`,
        );
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresDistrictStore(pool);
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  }

  private async ensurePartitions(client: pg.PoolClient, ids: readonly string[]): Promise<void> {
    const needed = new Map<string, MonthPartition>();
    // A batch's ids mostly share a month: only an id outside the last month seen makes a partition name.
    let from = 0;
    let to = 0;
    for (const id of ids) {
      const ms = uuidMillis(id);
      if (ms >= from && ms < to) continue;
      const partition = monthPartition(ms);
      [from, to] = [uuidMillis(partition.from), uuidMillis(partition.to)];
      if (!this.knownPartitions.has(partition.name)) needed.set(partition.name, partition);
    }
    for (const partition of needed.values()) {
      // Each in its own savepoint: another server process may create the same partition at once.
      await client.query('SAVEPOINT partition');
      try {
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${partition.name} PARTITION OF scans FOR VALUES FROM ('${partition.from}') TO ('${partition.to}')`,
        );
        await client.query('RELEASE SAVEPOINT partition');
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT partition');
        const code = (error as { code?: string }).code;
        if (code !== '42P07' && code !== '23505') throw error;
      }
      this.knownPartitions.add(partition.name);
    }
  }

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async createEnrollment(e: NewEnrollment): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query(
        'INSERT INTO venues (id, name, type, address, created_at, area) VALUES ($1, $2, $3, $4, $5, $6)',
        [e.venue.id, e.venue.name, e.venue.type, e.venue.address, e.createdAt, e.venue.area ?? null],
      );
      await client.query(
        'INSERT INTO enrollments (code_hash, venue_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [e.codeHash, e.venue.id, e.createdAt, e.expiresAt],
      );
    });
  }

  async redeemEnrollment(codeHash: string, now: string, device: NewDevice): Promise<RedeemResult> {
    return this.inTransaction(async (client): Promise<RedeemResult> => {
      const { rows } = await client.query(
        'SELECT venue_id, expires_at, redeemed_at FROM enrollments WHERE code_hash = $1 FOR UPDATE',
        [codeHash],
      );
      const enrollment = rows[0] as { venue_id: string; expires_at: string; redeemed_at: string | null } | undefined;
      if (!enrollment) return { status: 'unknown' };
      if (enrollment.redeemed_at) return { status: 'used' };
      if (enrollment.expires_at <= now) return { status: 'expired' };
      await client.query(
        'INSERT INTO devices (id, venue_id, name, token_hash, created_at, app_version) VALUES ($1, $2, $3, $4, $5, $6)',
        [device.id, enrollment.venue_id, device.name, device.tokenHash, now, device.appVersion],
      );
      await client.query('UPDATE enrollments SET redeemed_at = $1, device_id = $2 WHERE code_hash = $3', [
        now,
        device.id,
        codeHash,
      ]);
      const venue = await client.query('SELECT * FROM venues WHERE id = $1', [enrollment.venue_id]);
      return { status: 'enrolled', venue: venueFromRow(venue.rows[0]) };
    });
  }

  async findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null> {
    const { rows } = await this.pool.query(`${DEVICE_SELECT} WHERE d.token_hash = $1`, [tokenHash]);
    return rows[0] ? deviceFromRow(rows[0]) : null;
  }

  async revokeDevice(deviceId: string, now: string): Promise<boolean> {
    const result = await this.pool.query('UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
      now,
      deviceId,
    ]);
    return result.rowCount === 1;
  }

  async ingestScans(
    device: DeviceRecord,
    scans: readonly StoredScan[],
    report: IngestReport,
  ): Promise<ReadonlySet<string>> {
    return this.inTransaction(async (client) => {
      await this.ensurePartitions(
        client,
        scans.map((scan) => scan.id),
      );
      // One INSERT over unnest arrays (typed, one per column): faster to bind and parse than a JSON document.
      const column = <T>(pick: (s: StoredScan) => T) => scans.map(pick);
      const { rows } = await client.query({
        rowMode: 'array',
        text: `INSERT INTO scans SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[],
           $8::integer[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
           $19::text[], $20::text[], $21::text[], $22::text[], $23::uuid[]) ON CONFLICT (id) DO NOTHING RETURNING id`,
        values: [
          column((s) => s.id),
          column((s) => s.venueId),
          column((s) => s.deviceId),
          column((s) => s.seq),
          column((s) => s.scannedAt),
          column((s) => s.correctedAt),
          column((s) => s.receivedAt),
          column((s) => s.utcOffsetMin),
          column((s) => s.localDay),
          column((s) => s.direction),
          column((s) => s.source),
          column((s) => s.kind),
          column((s) => s.outcome),
          column((s) => s.reason),
          column((s) => s.problems.join(',')),
          column((s) => s.idNumber),
          column((s) => s.fullName),
          column((s) => s.birthDate),
          column((s) => s.gender),
          column((s) => s.address),
          column((s) => s.codeText),
          column((s) => s.contextLabel),
          column((s) => s.voidsScanId ?? null),
        ],
      });
      const firstSent = new Set<string>(rows.map((row: string[]) => row[0]));
      const fresh = scans.filter((scan) => firstSent.has(scan.id));
      const dayOffsetMin = report.districtOffsetMin ?? DEFAULT_DISTRICT_OFFSET_MIN;
      await this.presence.update(client, fresh, dayOffsetMin);
      await this.presence.applyCorrections(client, fresh, dayOffsetMin);
      await this.countDays(client, fresh, dayOffsetMin);
      const others = scans.map((scan) => scan.id).filter((id) => !firstSent.has(id));
      if (others.length > 0) {
        // Ids that already belonged to another device: claimed once by this one, then its re-sends.
        const claimed = await client.query(
          `INSERT INTO scan_id_claims (scan_id, device_id, claimed_at)
             SELECT s.id, $2, $3 FROM scans s WHERE s.id = ANY($1::uuid[]) AND s.device_id <> $2
           ON CONFLICT DO NOTHING RETURNING scan_id`,
          [others, device.id, report.receivedAt],
        );
        for (const row of claimed.rows as { scan_id: string }[]) firstSent.add(row.scan_id);
      }
      await client.query(
        'UPDATE devices SET last_upload_at = $1, pending_count = $2, app_version = $3, clock_offset_ms = $4 WHERE id = $5',
        [report.receivedAt, report.pendingCount, report.appVersion, report.clockOffsetMs, device.id],
      );
      return firstSent;
    });
  }

  /** Adds a batch's stored scans to the day counts and takes off the scans its corrections void, on the batch's transaction. */
  private async countDays(client: pg.PoolClient, stored: readonly StoredScan[], offsetMin: number): Promise<void> {
    // Under each venue's lock, in one order (a batch of refused scans takes no presence lock), and
    // rows in (venue, day) order: two batches never wait on each other's rows crosswise, and two
    // corrections of one scan never both see themselves as its first.
    for (const venueId of [...new Set(stored.map((scan) => scan.venueId))].sort()) await lockVenue(client, venueId);
    const byKey = (a: { venueId: string; day: string }, b: { venueId: string; day: string }) =>
      a.venueId + a.day < b.venueId + b.day ? -1 : a.venueId + a.day > b.venueId + b.day ? 1 : 0;
    const deltas = dayCountsOf(stored, offsetMin).sort(byKey);
    if (deltas.length > 0) {
      await client.query(
        `INSERT INTO venue_days (venue_id, day, scans, recorded_in, recorded_out, refused)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
         ON CONFLICT (venue_id, day) DO UPDATE SET scans = venue_days.scans + excluded.scans, recorded_in = venue_days.recorded_in + excluded.recorded_in,
           recorded_out = venue_days.recorded_out + excluded.recorded_out, refused = venue_days.refused + excluded.refused`,
        [
          deltas.map((d) => d.venueId),
          deltas.map((d) => d.day),
          deltas.map((d) => d.scans),
          deltas.map((d) => d.recordedIn),
          deltas.map((d) => d.recordedOut),
          deltas.map((d) => d.refused),
        ],
      );
    }
    const voided = voidedBy(stored);
    if (voided.size === 0) return;
    const ids = [...voided.keys()];
    const { rows } = await client.query(
      `SELECT t.id::text AS "scanId", t.venue_id::text AS "venueId", (EXTRACT(EPOCH FROM t.corrected_at) * 1000)::bigint AS "correctedAt", t.outcome, t.direction,
         (SELECT COUNT(*) FROM scans c WHERE c.voids_scan_id = t.id AND c.venue_id = t.venue_id) AS corrections
       FROM scans t WHERE t.id = ANY($1::uuid[])`,
      [ids],
    );
    const targets = new Map<string, VoidTarget>();
    const corrections = new Map<string, number>();
    for (const row of rows as (Omit<VoidTarget, 'day'> & {
      scanId: string;
      correctedAt: string | number;
      corrections: string | number;
    })[]) {
      targets.set(row.scanId, {
        venueId: row.venueId,
        outcome: row.outcome,
        direction: row.direction,
        day: districtDayOf(Number(row.correctedAt), offsetMin),
      });
      corrections.set(row.scanId, Number(row.corrections));
    }
    for (const take of voidsToCount(voided, targets, corrections).sort(byKey)) {
      await client.query(
        'UPDATE venue_days SET recorded_in = recorded_in - $3, recorded_out = recorded_out - $4 WHERE venue_id = $1 AND day = $2',
        [take.venueId, take.day, take.recordedIn, take.recordedOut],
      );
    }
  }

  async scansOfPerson(idNumber: string, from: string, to: string): Promise<StoredScan[]> {
    const { rows } = await this.pool.query(
      `SELECT * FROM scans WHERE id_number = $1 AND outcome = 'recorded' AND corrected_at >= $2 AND corrected_at < $3 ORDER BY corrected_at, seq`,
      [idNumber, from, to],
    );
    return rows.map(scanFromRow);
  }

  async scansAtVenue(venueId: string, from: string, to: string, page?: ScanPage): Promise<StoredScan[]> {
    const after = page?.after
      ? [page.after.correctedAt, page.after.seq, page.after.id]
      : [from, -1, '00000000-0000-0000-0000-000000000000'];
    const { rows } = await this.pool.query(
      `SELECT * FROM scans WHERE venue_id = $1 AND outcome = 'recorded' AND corrected_at >= $2 AND corrected_at < $3
         AND (corrected_at, seq, id) > ($4::timestamptz, $5::bigint, $6::uuid) ORDER BY corrected_at, seq, id LIMIT $7`,
      [venueId, from, to, ...after, page?.limit ?? null],
    );
    return rows.map(scanFromRow);
  }

  async presenceOfPerson(idNumber: string, from: number, to: number): Promise<PresenceInterval[]> {
    return this.presence.ofPerson(this.pool, idNumber, from, to);
  }

  async presenceInWindows(windows: readonly PresenceWindow[], limit: number): Promise<PresenceWindowPage[]> {
    return this.presence.inWindows(this.pool, windows, limit);
  }

  async listVenues(): Promise<VenueRecord[]> {
    return (await this.pool.query('SELECT * FROM venues ORDER BY name')).rows.map(venueFromRow);
  }

  async listDevices(): Promise<DeviceRecord[]> {
    return (await this.pool.query(`${DEVICE_SELECT} ORDER BY v.name, d.name`)).rows.map(deviceFromRow);
  }

  async dailyCounts(fromDay: string, toDay: string): Promise<DailyCount[]> {
    // Counts per venue and local day, kept at ingest (server/ingest/dayCounts.ts).
    const { rows } = await this.pool.query(
      `SELECT d.venue_id AS "venueId", v.name AS "venueName", v.type AS "venueType", d.day, d.recorded_in AS "in", d.recorded_out AS "out", d.refused
       FROM venue_days d JOIN venues v ON v.id = d.venue_id WHERE d.day >= $1 AND d.day <= $2 ORDER BY d.day, v.name`,
      [fromDay, toDay],
    );
    return rows as DailyCount[];
  }

  async silentVenues(since: string): Promise<VenueRecord[]> {
    const { rows } = await this.pool.query(
      `SELECT * FROM venues v WHERE v.retired_at IS NULL AND NOT EXISTS (SELECT 1 FROM scans s WHERE s.venue_id = v.id AND s.corrected_at >= $1) ORDER BY v.name`,
      [since],
    );
    return rows.map(venueFromRow);
  }

  async purgeScansBefore(cutoff: string): Promise<number> {
    const cutoffMs = Date.parse(cutoff);
    return this.inTransaction(async (client) => {
      let purged = 0;
      const { rows } = await client.query(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'scans'::regclass`,
      );
      const venueIds = (await client.query({ text: 'SELECT id FROM venues', rowMode: 'array' })).rows.map(
        (row: string[]) => row[0],
      );
      for (const { name } of rows as { name: string }[]) {
        const monthEnd = partitionEndMs(name);
        if (monthEnd === null || monthEnd > cutoffMs) continue;
        // A whole month of ids before the cutoff: dropped instead of deleted row by row, unless it
        // holds scans corrected to a later time (ids made on a kiosk clock that read 1970).
        const kept = await client.query(
          `SELECT 1 FROM unnest($1::uuid[]) v(id) WHERE EXISTS (SELECT 1 FROM ${name} s WHERE s.venue_id = v.id AND s.corrected_at >= $2) LIMIT 1`,
          [venueIds, cutoff],
        );
        if (kept.rows.length > 0) continue;
        purged += Number((await client.query(`SELECT COUNT(*) AS n FROM ${name}`)).rows[0].n);
        await client.query(`DROP TABLE ${name}`);
        this.knownPartitions.delete(name);
      }
      // Per venue, on scans_by_venue_time: by the corrected time, the one the trace and presence use.
      for (const venueId of venueIds)
        purged +=
          (await client.query('DELETE FROM scans WHERE venue_id = $1 AND corrected_at < $2', [venueId, cutoff]))
            .rowCount ?? 0;
      await client.query('DELETE FROM scan_id_claims WHERE claimed_at < $1', [cutoff]);
      // Day counts go with days wholly before the cutoff; the days around it keep their whole count.
      await client.query('DELETE FROM venue_days WHERE day < $1', [daysWhollyBefore(cutoff)]);
      await this.presence.purgeBefore(client, cutoffMs);
      return purged;
    });
  }

  async recordTraceAudit(entry: NewTraceAudit): Promise<void> {
    await this.pool.query(
      'INSERT INTO trace_audit (traced_at, actor, id_number, case_ref, from_at, to_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [entry.tracedAt, entry.actor, entry.idNumber, entry.caseRef, entry.from, entry.to],
    );
  }

  async listTraceAudits(limit: number, beforeId?: number): Promise<TraceAuditEntry[]> {
    const { rows } = await this.pool.query('SELECT * FROM trace_audit WHERE id < $1 ORDER BY id DESC LIMIT $2', [
      beforeId ?? Number.MAX_SAFE_INTEGER,
      limit,
    ]);
    return rows.map(traceAuditFromRow);
  }

  async countScans(): Promise<number> {
    return Number((await this.pool.query('SELECT COUNT(*) AS n FROM scans')).rows[0].n);
  }

  async findVenue(venueId: string): Promise<VenueRecord | null> {
    const { rows } = await this.pool.query('SELECT * FROM venues WHERE id = $1', [venueId]);
    return rows[0] ? venueFromRow(rows[0]) : null;
  }

  async updateVenue(venueId: string, f: VenueFields, dayOffsetMin = DEFAULT_DISTRICT_OFFSET_MIN): Promise<boolean> {
    return this.inTransaction(async (client) => {
      const before = await client.query('SELECT type FROM venues WHERE id = $1 FOR UPDATE', [venueId]);
      const result = await client.query(
        'UPDATE venues SET name = $1, type = $2, area = $3, address = $4 WHERE id = $5',
        [f.name, f.type, f.area, f.address, venueId],
      );
      // Default stays follow the venue's type: its intervals are paired anew.
      if (result.rowCount === 1 && before.rows[0]?.type !== f.type)
        await this.presence.rebuildVenue(client, venueId, dayOffsetMin);
      return result.rowCount === 1;
    });
  }

  async retireVenue(venueId: string, now: string): Promise<boolean> {
    return this.inTransaction(async (client) => {
      const retired = await client.query('UPDATE venues SET retired_at = $1 WHERE id = $2 AND retired_at IS NULL', [
        now,
        venueId,
      ]);
      if (retired.rowCount !== 1) return false;
      await client.query('UPDATE devices SET revoked_at = $1 WHERE venue_id = $2 AND revoked_at IS NULL', [
        now,
        venueId,
      ]);
      await client.query(
        'UPDATE enrollments SET expires_at = $1 WHERE venue_id = $2 AND redeemed_at IS NULL AND expires_at > $1',
        [now, venueId],
      );
      return true;
    });
  }

  async addEnrollmentCode(venueId: string, codeHash: string, createdAt: string, expiresAt: string): Promise<boolean> {
    return this.inTransaction(async (client) => {
      const venue = await client.query('SELECT id FROM venues WHERE id = $1 AND retired_at IS NULL FOR UPDATE', [
        venueId,
      ]);
      if (venue.rowCount !== 1) return false;
      await client.query(
        'INSERT INTO enrollments (code_hash, venue_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [codeHash, venueId, createdAt, expiresAt],
      );
      return true;
    });
  }

  async venueActivity(w: ActivityWindow): Promise<VenueActivity[]> {
    const { rows } = await this.pool.query(
      `SELECT v.*,
         (SELECT COALESCE(SUM(${PASSAGES_SQL}), 0) FROM venue_days d WHERE d.venue_id = v.id AND d.day = $1) AS scans_today,
         (SELECT COALESCE(SUM(${PASSAGES_SQL}), 0) FROM venue_days d WHERE d.venue_id = v.id AND d.day >= $2 AND d.day <= $1) AS scans_7days,
         (SELECT MAX(d.last_upload_at) FROM devices d WHERE d.venue_id = v.id) AS last_upload_at,
         (SELECT COUNT(*) FROM devices d WHERE d.venue_id = v.id AND d.revoked_at IS NULL) AS active_devices
       FROM venues v ORDER BY v.name, v.id`,
      [w.today, w.weekStart],
    );
    return rows.map(venueActivityFromRow);
  }

  async scansPerDay(fromDay: string, toDay: string): Promise<{ day: string; scans: number }[]> {
    const { rows } = await this.pool.query(
      `SELECT day, SUM(${PASSAGES_SQL}) AS scans FROM venue_days d WHERE day >= $1 AND day <= $2 GROUP BY day ORDER BY day`,
      [fromDay, toDay],
    );
    return rows.map((row: { day: string; scans: number | string }) => ({ day: row.day, scans: Number(row.scans) }));
  }

  async createUser(user: NewUser): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO users (id, name, role, password_hash, must_change_password, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO NOTHING',
      [user.id, user.name, user.role, user.passwordHash, user.mustChangePassword, user.createdAt],
    );
    return result.rowCount === 1;
  }

  async createFirstUser(user: NewUser): Promise<boolean> {
    return this.inTransaction(async (client) => {
      // Two first-run forms sent at once: the lock makes the second see the first's account.
      await client.query('LOCK TABLE users IN EXCLUSIVE MODE');
      if (Number((await client.query('SELECT COUNT(*) AS n FROM users')).rows[0].n) > 0) return false;
      await client.query(
        'INSERT INTO users (id, name, role, password_hash, must_change_password, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [user.id, user.name, user.role, user.passwordHash, user.mustChangePassword, user.createdAt],
      );
      return true;
    });
  }

  async countUsers(): Promise<number> {
    return Number((await this.pool.query('SELECT COUNT(*) AS n FROM users')).rows[0].n);
  }

  async findUserByName(name: string): Promise<UserRecord | null> {
    const { rows } = await this.pool.query('SELECT * FROM users WHERE name = $1', [name]);
    return rows[0] ? userFromRow(rows[0]) : null;
  }

  async findUserById(userId: string): Promise<UserRecord | null> {
    if (!/^[0-9a-f-]{36}$/.test(userId)) return null;
    const { rows } = await this.pool.query('SELECT * FROM users WHERE id = $1', [userId]);
    return rows[0] ? userFromRow(rows[0]) : null;
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.pool.query('SELECT * FROM users ORDER BY name')).rows.map(userFromRow);
  }

  async updateLoginState(userId: string, failedLogins: number, lockedUntil: string | null): Promise<void> {
    await this.pool.query('UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3', [
      failedLogins,
      lockedUntil,
      userId,
    ]);
  }

  async setPassword(userId: string, passwordHash: string, mustChangePassword: boolean): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE users SET password_hash = $1, must_change_password = $2, failed_logins = 0, locked_until = NULL WHERE id = $3',
      [passwordHash, mustChangePassword, userId],
    );
    return result.rowCount === 1;
  }

  async disableUser(userId: string, now: string): Promise<boolean> {
    return this.inTransaction(async (client) => {
      const result = await client.query('UPDATE users SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL', [
        now,
        userId,
      ]);
      if (result.rowCount !== 1) return false;
      await client.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
      return true;
    });
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)',
      [session.idHash, session.userId, session.csrfToken, session.createdAt, session.lastSeenAt],
    );
  }

  async findSession(idHash: string): Promise<SessionRecord | null> {
    const { rows } = await this.pool.query('SELECT * FROM sessions WHERE id_hash = $1', [idHash]);
    return rows[0] ? sessionFromRow(rows[0]) : null;
  }

  async touchSession(idHash: string, lastSeenAt: string): Promise<void> {
    await this.pool.query('UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2', [lastSeenAt, idHash]);
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
  }

  async deleteSessionsOfUser(userId: string, exceptIdHash = ''): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2', [userId, exceptIdHash]);
  }

  async purgeSessions(idleBefore: string, createdBefore: string): Promise<number> {
    return (
      (
        await this.pool.query('DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2', [
          idleBefore,
          createdBefore,
        ])
      ).rowCount ?? 0
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
