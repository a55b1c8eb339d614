/**
 * The console's shell: first run, sign-in and the one-time password change before anything else;
 * then the navigation (by role) and the page the address's hash names. Language Vietnamese first,
 * with an English switch kept in localStorage.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  roleAtLeast,
  SessionResponseSchema,
  SetupStateSchema,
  type EnrollmentSheet,
  type Role,
  type SessionResponse,
} from '../shared/console';
import { post, request, setCsrfToken, whenSignedOut } from './api';
import { LANGUAGES, translator, type Language, type MessageKey } from './messages';
import type { PageEnv } from './pageEnv';
import { AuditPage } from './pages/AuditPage';
import { CommunesPage } from './pages/CommunesPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { DevicesPage } from './pages/DevicesPage';
import { FirstRunPage } from './pages/FirstRunPage';
import { ImportPage } from './pages/ImportPage';
import { OverviewPage } from './pages/OverviewPage';
import { SetupSheetPage } from './pages/SetupSheetPage';
import { SignInPage } from './pages/SignInPage';
import { TracePage } from './pages/TracePage';
import { UsersPage } from './pages/UsersPage';
import { VenuePage } from './pages/VenuePage';
import { VenuesPage } from './pages/VenuesPage';
import { Loading } from './components/Feedback';

const LANGUAGE_KEY = 'district-console-language';

/** The pages of the navigation, with the least role that sees each. */
const NAV: readonly { readonly hash: string; readonly key: MessageKey; readonly role: Role }[] = [
  { hash: '#/overview', key: 'nav.overview', role: 'viewer' },
  { hash: '#/venues', key: 'nav.venues', role: 'viewer' },
  { hash: '#/devices', key: 'nav.devices', role: 'viewer' },
  { hash: '#/communes', key: 'nav.communes', role: 'viewer' },
  { hash: '#/trace', key: 'nav.trace', role: 'tracer' },
  { hash: '#/import', key: 'nav.import', role: 'it' },
  { hash: '#/audit', key: 'nav.audit', role: 'it' },
  { hash: '#/users', key: 'nav.users', role: 'it' },
];

function storedLanguage(): Language {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  return LANGUAGES.find((l) => l === stored) ?? 'vi';
}

type Gate = 'loading' | 'first-run' | 'sign-in' | 'signed-in';

export function App() {
  const [language, setLanguage] = useState<Language>(storedLanguage);
  const [gate, setGate] = useState<Gate>('loading');
  const [session, setSession] = useState<SessionResponse | null>(null);
  const [hash, setHash] = useState(location.hash || '#/overview');
  const [sheet, setSheet] = useState<EnrollmentSheet | null>(null);
  const t = translator(language);

  const signedIn = useCallback((next: SessionResponse) => {
    setCsrfToken(next.csrfToken);
    setSession(next);
    setGate('signed-in');
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
    localStorage.setItem(LANGUAGE_KEY, language);
  }, [language, t]);

  useEffect(() => {
    whenSignedOut(() => {
      setSession(null);
      setGate('sign-in');
    });
    const onHash = () => setHash(location.hash || '#/overview');
    window.addEventListener('hashchange', onHash);
    void (async () => {
      try {
        signedIn(await request('GET', '/api/v1/session', SessionResponseSchema));
      } catch {
        try {
          const setup = await request('GET', '/api/v1/setup', SetupStateSchema);
          setGate(setup.needsFirstAccount ? 'first-run' : 'sign-in');
        } catch {
          setGate('sign-in');
        }
      }
    })();
    return () => window.removeEventListener('hashchange', onHash);
  }, [signedIn]);

  const navigate = (next: string) => {
    location.hash = next;
    setHash(next);
  };

  const languageSwitch = (
    <div className="language-switch" role="group" aria-label={t('app.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          aria-pressed={language === l}
          data-testid={`lang-${l}`}
          onClick={() => setLanguage(l)}
        >
          {l === 'vi' ? 'Tiếng Việt' : 'English'}
        </button>
      ))}
    </div>
  );

  if (gate !== 'signed-in' || !session) {
    return (
      <div className="gate">
        <header className="gate-header">
          <div>
            <h1>{t('app.title')}</h1>
            <p className="subtitle">{t('app.subtitle')}</p>
          </div>
          {languageSwitch}
        </header>
        <main className="gate-main">
          {gate === 'loading' ? <Loading t={t} /> : null}
          {gate === 'first-run' ? <FirstRunPage t={t} onDone={signedIn} /> : null}
          {gate === 'sign-in' ? <SignInPage t={t} onSignedIn={signedIn} /> : null}
        </main>
      </div>
    );
  }

  const role = session.user.role;
  const env: PageEnv = { t, language, timeZone: session.timeZone, role, session, now: () => new Date(), navigate };
  const signOut = async () => {
    await post('/api/v1/session/sign-out').catch(() => undefined);
    // The next person starts at the overview, not on the page the last one left.
    navigate('#/overview');
    setSession(null);
    setGate('sign-in');
  };

  if (session.user.mustChangePassword) {
    return (
      <div className="gate">
        <header className="gate-header">
          <h1>{t('app.title')}</h1>
          {languageSwitch}
          {/* Signed in on the wrong account, or with someone else's one-time password: a way back out. */}
          <button type="button" data-testid="sign-out" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </header>
        <main className="gate-main">
          <ChangePasswordPage t={t} onChanged={signedIn} />
        </main>
      </div>
    );
  }

  const [, page = 'overview', id] = hash.split('/');
  const pageOf = () => {
    switch (page) {
      case 'venues':
        return id ? (
          <VenuePage
            env={env}
            venueId={id}
            onSheet={(s) => {
              setSheet(s);
              navigate('#/sheet');
            }}
          />
        ) : (
          <VenuesPage
            env={env}
            onSheet={(s) => {
              setSheet(s);
              navigate('#/sheet');
            }}
          />
        );
      case 'sheet':
        return sheet ? (
          <SetupSheetPage env={env} sheet={sheet} />
        ) : (
          <VenuesPage
            env={env}
            onSheet={(s) => {
              setSheet(s);
              navigate('#/sheet');
            }}
          />
        );
      case 'devices':
        return <DevicesPage env={env} />;
      case 'trace':
        return <TracePage env={env} />;
      case 'audit':
        return <AuditPage env={env} />;
      case 'import':
        return <ImportPage env={env} />;
      case 'communes':
        return <CommunesPage env={env} />;
      case 'users':
        return <UsersPage env={env} />;
      default:
        return <OverviewPage env={env} />;
    }
  };
  const current = `#/${page}`;

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skip')}
      </a>
      <header className="shell-header">
        <div className="brand">
          <strong>{t('app.title')}</strong>
          <span className="subtitle">{t('app.subtitle')}</span>
        </div>
        <nav aria-label={t('app.title')}>
          <ul>
            {NAV.filter((item) => roleAtLeast(role, item.role)).map((item) => (
              <li key={item.hash}>
                <a
                  href={item.hash}
                  aria-current={
                    current === item.hash || (item.hash === '#/venues' && current === '#/sheet') ? 'page' : undefined
                  }
                  data-testid={`nav-${item.hash.slice(2)}`}
                >
                  {t(item.key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <span data-testid="signed-in-as">
            {t('nav.signedInAs', { name: session.user.name, role: t(`role.${role}`) })}
          </span>
          {languageSwitch}
          <button type="button" data-testid="sign-out" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="page">
        {pageOf()}
      </main>
    </div>
  );
}
