/**
 * Tracing a case: the ID number typed or scanned (a USB scanner types the card into the field), the
 * case reference (required, written in the audit), a window of local days (the last 14 by default);
 * visits as a timeline in local time, contacts grouped by venue, sortable, a page at a time; CSV
 * with Vietnamese headers and a print view for the epidemiology team. One lookup is one audit row:
 * further pages carry its `auditId`, and CSV and print use the result shown (never a second trace),
 * marking the row as exported or printed first.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { roleAtLeast } from '../../shared/console';
import {
  isCitizenIdShape,
  MAX_TRACE_CONTACTS,
  TraceResponseSchema,
  TraceWindowSchema,
  type TraceResponse,
  type TraceUse,
} from '../../shared/district';
import { traceCsvVi } from '../../shared/traceCsv';
import { ApiError, post, request, saveBlob } from '../api';
import { ErrorLine } from '../components/Feedback';
import type { PageEnv } from '../pageEnv';
import { addDays, formatDateTime, formatDay, formatEnd, localDayOf, startOfLocalDay } from '../time';
import { CONTACT_SORTS, groupContacts, idNumberFromInput, type ContactPart, type ContactSort } from '../traceView';
import { asApiError } from '../useLoad';

/** Local days from `from` to `to` (YYYY-MM-DD), 0 for the same day. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The heading of a venue's part of the contacts: the sailing shared (all its passengers), the room, or met at the venue. */
function partHeading(part: ContactPart, t: PageEnv['t'], timeZone: string, language: PageEnv['language']): string {
  const count = part.contacts.length;
  if (part.group === null) return t('trace.group.met', { count });
  if (part.group.kind === 'room') return t('trace.group.room', { label: part.group.label, count });
  return t('trace.group.sailing', {
    label: part.group.label ?? t('trace.group.unnamedSailing'),
    departs: formatDateTime(part.group.departsAt, timeZone, language),
    count,
  });
}

/** Contacts fetched per page. */
const PAGE = 200;

interface Query {
  readonly idNumber: string;
  readonly caseRef: string;
  readonly from: string;
  readonly to: string;
  readonly margin: number;
  readonly fromDay: string;
  readonly toDay: string;
}

function traceUrl(q: Query, extra: Record<string, string>): string {
  const params = new URLSearchParams({
    idNumber: q.idNumber,
    caseRef: q.caseRef,
    from: q.from,
    to: q.to,
    marginMinutes: String(q.margin),
    ...extra,
  });
  return `/api/v1/trace?${params.toString()}`;
}

export function TracePage({ env }: { readonly env: PageEnv }) {
  const { t, language, timeZone } = env;
  const today = localDayOf(env.now(), timeZone);
  const [raw, setRaw] = useState('');
  const [caseRef, setCaseRef] = useState('');
  const [fromDay, setFromDay] = useState(addDays(today, -13));
  const [toDay, setToDay] = useState(today);
  const [margin, setMargin] = useState(15);
  const [busy, setBusy] = useState<'trace' | 'more' | 'csv' | 'print' | null>(null);
  const [maxDays, setMaxDays] = useState<number | null>(null);
  const [idWarning, setIdWarning] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [scannedNote, setScannedNote] = useState<string | null>(null);
  const [query, setQuery] = useState<Query | null>(null);
  const [result, setResult] = useState<TraceResponse | null>(null);
  const [sort, setSort] = useState<ContactSort>('overlap');

  const mayTrace = roleAtLeast(env.role, 'tracer');
  useEffect(() => {
    if (!mayTrace) return;
    // The bound is the server's to enforce; shown here so a tracer picks a window it accepts.
    request('GET', '/api/v1/trace/window', TraceWindowSchema).then(
      (window) => setMaxDays(window.maxDays),
      () => setMaxDays(null),
    );
  }, [mayTrace]);

  if (!mayTrace)
    return (
      <p className="notice" data-testid="trace-forbidden">
        {t('trace.forbidden')}
      </p>
    );

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setScannedNote(null);
    setIdWarning(null);
    // A new trace, even one refused below, never leaves the last person's result under the new ID.
    setResult(null);
    setQuery(null);
    const id = idNumberFromInput(raw);
    if (!id) {
      setError(new ApiError(0, 'id-unreadable', 'error.id-unreadable'));
      return;
    }
    if (id.scanned) {
      setRaw(id.idNumber);
      setScannedNote(id.idNumber);
    }
    // A typo gives "no scans" as surely as an absent person: say the number looks wrong (still traced: tickets).
    if (!isCitizenIdShape(id.idNumber)) setIdWarning(id.idNumber);
    if (!caseRef.trim()) {
      setError(new ApiError(0, 'case-ref-required', 'error.case-ref-required'));
      return;
    }
    if (fromDay > toDay) {
      setError(new ApiError(0, 'trace-window', 'error.trace-window'));
      return;
    }
    if (maxDays !== null && daysBetween(fromDay, toDay) + 1 > maxDays) {
      setError(new ApiError(0, 'trace-window-too-long', 'trace.windowLong', { days: maxDays }));
      return;
    }
    const next: Query = {
      idNumber: id.idNumber,
      caseRef: caseRef.trim(),
      from: startOfLocalDay(fromDay, timeZone),
      to: startOfLocalDay(addDays(toDay, 1), timeZone),
      margin,
      fromDay,
      toDay,
    };
    setBusy('trace');
    try {
      setResult(await request('GET', traceUrl(next, { limit: String(PAGE) }), TraceResponseSchema));
      setQuery(next);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(null);
    }
  };

  const more = async () => {
    if (!query || !result?.nextCursor) return;
    setBusy('more');
    try {
      const page = await request(
        'GET',
        traceUrl(query, {
          limit: String(PAGE),
          cursor: result.nextCursor,
          ...(result.auditId === undefined ? {} : { auditId: String(result.auditId) }),
        }),
        TraceResponseSchema,
      );
      setResult({ ...page, contacts: [...result.contacts, ...page.contacts] });
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(null);
    }
  };

  /**
   * The shown result with every contact page not loaded yet (the same lookup: its audit row), so an
   * export or a print holds every contact, not the pages someone happened to load.
   */
  const withEveryContact = async (shown: TraceResponse, of: Query): Promise<TraceResponse> => {
    let whole = shown;
    while (whole.more && whole.nextCursor) {
      const page = await request(
        'GET',
        traceUrl(of, {
          limit: String(MAX_TRACE_CONTACTS),
          cursor: whole.nextCursor,
          ...(whole.auditId === undefined ? {} : { auditId: String(whole.auditId) }),
        }),
        TraceResponseSchema,
      );
      whole = { ...page, contacts: [...whole.contacts, ...page.contacts] };
    }
    return whole;
  };

  /** Marks the lookup's audit row, reads every contact, then does it; nothing is exported or printed unless the mark is written. */
  const use = async (what: TraceUse, act: (whole: TraceResponse, of: Query) => void) => {
    if (!query || !result || result.auditId === undefined) return;
    setBusy(what);
    setError(null);
    try {
      await post(`/api/v1/audit/traces/${result.auditId}/use`, { use: what });
      const whole = await withEveryContact(result, query);
      // On screen before the print dialog reads the page.
      flushSync(() => setResult(whole));
      act(whole, query);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(null);
    }
  };
  const csv = () =>
    use('csv', (whole, of) => {
      const blob = new Blob(['\uFEFF', traceCsvVi(whole, timeZone)], { type: 'text/csv;charset=utf-8' });
      saveBlob(blob, `truy-vet-${of.idNumber}-${of.caseRef.replace(/[^\p{L}\p{N}-]+/gu, '_')}.csv`);
    });
  const print = () => use('print', () => window.print());

  const groups = result ? groupContacts(result.contacts, sort) : [];
  return (
    <div data-testid="trace-page">
      <h1 className="no-print">{t('trace.title')}</h1>
      <form className="trace-form card no-print" onSubmit={(e) => void run(e)} data-testid="trace-form">
        <label className="wide">
          {t('trace.idNumber')}
          <input
            value={raw}
            onChange={(e) => setRaw(e.target.value)}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            data-testid="trace-id"
          />
        </label>
        <label>
          {t('trace.caseRef')}
          <input value={caseRef} onChange={(e) => setCaseRef(e.target.value)} maxLength={80} data-testid="trace-case" />
        </label>
        <label>
          {t('trace.from')}
          <input type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} required />
        </label>
        <label>
          {t('trace.to')}
          <input type="date" value={toDay} onChange={(e) => setToDay(e.target.value)} required />
        </label>
        <label>
          {t('trace.margin')}
          <input type="number" min={0} max={1440} value={margin} onChange={(e) => setMargin(Number(e.target.value))} />
        </label>
        <button type="submit" className="primary" disabled={busy !== null} data-testid="trace-submit">
          {busy === 'trace' ? t('trace.busy') : t('trace.submit')}
        </button>
        <p className="muted wide">
          {t('trace.audited')}
          {maxDays !== null ? ` ${t('trace.windowMax', { days: maxDays })}` : ''}
        </p>
      </form>
      {scannedNote ? (
        <p role="status" className="no-print">
          {t('trace.scanned', { id: scannedNote })}
        </p>
      ) : null}
      {busy === 'trace' ? (
        <p role="status" className="loading">
          {t('trace.busy')}
        </p>
      ) : null}
      <ErrorLine error={error} t={t} />
      {idWarning ? (
        <p className="notice warning no-print" role="status" data-testid="trace-id-warning">
          {t('trace.idShape', { id: idWarning })}
        </p>
      ) : null}
      {result && query ? (
        <section className="trace-result" data-testid="trace-result">
          <p className="print-only">
            {t('trace.printHeader', {
              who: result.fullName ? `${result.fullName} (${query.idNumber})` : query.idNumber,
              caseRef: query.caseRef,
              from: formatDay(query.fromDay, language),
              to: formatDay(query.toDay, language),
              now: formatDateTime(env.now().toISOString(), timeZone, language),
            })}
          </p>
          <div className="actions no-print">
            <button type="button" onClick={() => void csv()} disabled={busy !== null} data-testid="trace-csv">
              {busy === 'csv' ? t('trace.csvBusy') : t('trace.csv')}
            </button>
            <button type="button" onClick={() => void print()} disabled={busy !== null} data-testid="trace-print">
              {t('trace.print')}
            </button>
          </div>
          <h2 data-testid="trace-heading">
            {result.fullName
              ? t('trace.visitsNamed', { name: result.fullName, id: result.idNumber, count: result.visits.length })
              : t('trace.visits', { id: result.idNumber, count: result.visits.length })}
          </h2>
          {result.visits.length === 0 ? (
            <p className="empty">{t('trace.noVisits')}</p>
          ) : (
            <ol className="timeline" data-testid="visits">
              {result.visits.map((v) => (
                <li key={`${v.venueId}-${v.entryAt}`} className={`visit closed-${v.closedBy}`}>
                  <span className="visit-time">
                    {formatDateTime(v.entryAt, timeZone, language)} –{' '}
                    {formatEnd(v.entryAt, v.exitAt, timeZone, language)}
                  </span>
                  <strong className="visit-venue">{v.venueName}</strong>
                  <span className="muted">
                    {t(`venueType.${v.venueType}`)} · {t('trace.closedBy')}: {t(`trace.closed.${v.closedBy}`)}
                    {v.contextLabel ? ` · ${t('trace.context')}: ${v.contextLabel}` : ''}
                    {v.sailing
                      ? ` · ${
                          v.sailing.boarded
                            ? t('trace.visitBoarded', {
                                departs: formatDateTime(v.sailing.departsAt, timeZone, language),
                              })
                            : t('trace.visitRefused')
                        }`
                      : ''}
                  </span>
                </li>
              ))}
            </ol>
          )}
          <div className="page-title">
            <h2>
              {t('trace.contacts', { total: result.contactsTotal })}{' '}
              <small className="muted">({t('trace.contactsShown', { shown: result.contacts.length })})</small>
            </h2>
            <label className="no-print">
              {t('trace.sort')}
              <select
                value={sort}
                onChange={(e) => setSort(CONTACT_SORTS.find((s) => s === e.target.value) ?? 'overlap')}
                data-testid="contact-sort"
              >
                {CONTACT_SORTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`trace.sort.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {result.contactsTotal === 0 ? <p className="empty">{t('trace.noContacts')}</p> : null}
          {groups.map((group) => (
            <section key={group.venueId} className="contact-group" aria-label={group.venueName}>
              <h3>
                {group.venueName} <small className="muted">({group.contacts.length})</small>
              </h3>
              {group.parts.map((part) => (
                <section
                  key={
                    part.group
                      ? `${part.group.kind}-${part.group.kind === 'sailing' ? part.group.sailingId : part.group.label}`
                      : 'met'
                  }
                  className={`contact-part contact-part-${part.group?.kind ?? 'met'}`}
                  data-testid="contact-part"
                  data-group={part.group?.kind ?? 'met'}
                >
                  {group.parts.length > 1 || part.group ? <h4>{partHeading(part, t, timeZone, language)}</h4> : null}
                  <div className="table-wrap">
                    <table data-testid="contacts">
                      <thead>
                        <tr>
                          <th scope="col">{t('trace.name')}</th>
                          <th scope="col">{t('trace.contactId')}</th>
                          <th scope="col">{t('trace.entry')}</th>
                          <th scope="col">{t('trace.exit')}</th>
                          <th scope="col" className="num">
                            {t('trace.overlap')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {part.contacts.map((c) => (
                          <tr key={`${c.idNumber}-${c.entryAt}`} data-contact={c.idNumber}>
                            <td>{c.fullName ?? t('common.none')}</td>
                            <td>{c.idNumber}</td>
                            <td>{formatDateTime(c.entryAt, timeZone, language)}</td>
                            <td>{formatDateTime(c.exitAt, timeZone, language)}</td>
                            <td className="num">{c.overlapMinutes}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </section>
              ))}
            </section>
          ))}
          {result.more ? (
            <button
              type="button"
              className="no-print"
              onClick={() => void more()}
              disabled={busy !== null}
              data-testid="trace-more"
            >
              {busy === 'more' ? t('common.loading') : t('trace.more')}
            </button>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
