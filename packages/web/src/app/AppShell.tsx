import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import type { SessionInfo } from '@crosspoint/protocol';
import { call } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { TermsDialog } from './TermsDialog.tsx';
import { TwoFactorRequired } from '../features/two-factor/TwoFactorRequired.tsx';
import { TrialBanner } from '../features/organizations/TrialBanner.tsx';
import { ChooseOrgDialog } from './ChooseOrgDialog.tsx';
import { LanguageMenu } from './LanguageMenu.tsx';
import { useLiveEvents } from '../live/useLiveEvents.ts';
import { orgKindLabel } from '../i18n/labels.ts';
import { LicenseBanner } from '../features/settings/LicenseBanner.tsx';
import { ScreenHelp } from '../features/help/ScreenHelp.tsx';
import { CallProvider, useCalls } from '../features/communications/CallProvider.tsx';
import { useConversations } from '../features/communications/queries.ts';

/** Searches the help pages from anywhere. */
function HelpSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  return (
    <form
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        void navigate(`/help?q=${encodeURIComponent(q)}`);
      }}
    >
      <input
        type="search"
        className="help-search"
        aria-label={t('shell.searchHelp')}
        placeholder={t('shell.searchHelpPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
    </form>
  );
}

/** Keeps the current organization's screens live while mounted. */
function LiveIndicator({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const calls = useCalls();
  const state = useLiveEvents(orgId, calls.receive);
  const live = state === 'live';
  return (
    <span
      className={`live ${state}`}
      role="status"
      aria-label={live ? t('shell.liveOn') : t('shell.liveReconnecting')}
      title={live ? t('shell.liveTitle') : t('shell.reconnectingTitle')}
    >
      {live ? `● ${t('shell.live')}` : `○ ${t('shell.reconnecting')}`}
    </span>
  );
}

/** The Communications menu item, with the count of unread messages (live). */
function CommunicationsLink({ orgId, label }: { orgId: string; label: string }) {
  const { t } = useTranslation();
  const unread = useConversations(orgId).data?.unread ?? 0;
  return (
    <>
      {label}
      {unread > 0 && (
        <span className="nav-badge" data-testid="unread-badge">
          {unread}
          <span className="visually-hidden"> {t('calls.unread')}</span>
        </span>
      )}
    </>
  );
}

function navFor(t: TFunction, session: SessionInfo): { to: string; label: string }[] {
  const org = session.currentOrg;
  const items = [{ to: '/', label: t('nav.dashboard') }];
  if (org?.kind !== 'platform') {
    items.push(
      { to: '/devices?kind=pro-audio', label: t('nav.proAudio') },
      { to: '/devices?kind=video', label: t('nav.video') },
    );
  }
  items.push({ to: '/overview', label: t('nav.organization') });
  if (org?.kind === 'client' || org?.kind === 'enterprise')
    items.push({ to: '/usage', label: t('nav.usage') });
  if (org?.kind === 'support' || org?.kind === 'platform')
    items.push({ to: '/organizations', label: t('nav.organizations') });
  if (org?.kind === 'support' && session.permissions.includes('billing.read'))
    items.push({ to: '/invoices', label: t('nav.invoices') });
  items.push({ to: '/users', label: t('nav.users') });
  if (org?.kind === 'support' || org?.kind === 'client')
    items.push({ to: '/communications', label: t('nav.communications') });
  if (org?.kind !== 'platform') {
    items.push({ to: '/servers', label: t('nav.servers') }, { to: '/locations', label: t('nav.locations') });
  }
  if (session.permissions.includes('alerts.read')) items.push({ to: '/alerts', label: t('nav.alerts') });
  if (org?.kind !== 'platform' || session.permissions.includes('devices.command'))
    items.push({ to: '/firmware', label: t('nav.firmware') });
  items.push(
    { to: '/history', label: t('nav.history') },
    { to: '/settings', label: t('nav.settings') },
    { to: '/help', label: t('nav.help') },
  );
  if (org?.kind !== 'platform') items.push({ to: '/downloads', label: t('nav.downloads') });
  items.push({ to: '/system', label: t('nav.system') });
  return items;
}

/** Header, navigation and the current screen, for a signed-in user. */
export function AppShell() {
  const { t } = useTranslation();
  const { session, replace } = useSession();
  const location = useLocation();
  const [choosing, setChoosing] = useState(false);
  const [navOpen, setNavOpen] = useState(false);
  if (session === undefined) {
    return (
      <p className="page-message" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (session === null)
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  const org = session.currentOrg;
  const signOut = async () => {
    await call('signOut').catch(() => undefined);
    replace(null);
  };
  const userName =
    [session.user.firstName, session.user.lastName].filter(Boolean).join(' ') || session.user.email;

  return (
    <CallProvider orgId={org?.id ?? ''} userId={session.user.id}>
      <div className="shell">
        <a className="skip-link" href="#main">
          {t('shell.skipToContent')}
        </a>
        <header className="topbar">
          <button
            type="button"
            className="ghost menu-button"
            aria-expanded={navOpen}
            aria-controls="main-nav"
            onClick={() => setNavOpen(!navOpen)}
          >
            {t('shell.menu')}
          </button>
          <span className="brand">Crosspoint</span>
          {org && (
            <span className="org-badge" data-testid="current-org">
              <strong>{org.name}</strong> <span className="kind">{orgKindLabel(t, org)}</span>
            </span>
          )}
          <div className="topbar-right">
            {org && !session.termsRequired && !session.twoFactor.setupRequired && (
              <LiveIndicator key={org.id} orgId={org.id} />
            )}
            {session.organizations.length > 1 && (
              <button type="button" className="ghost" onClick={() => setChoosing(true)}>
                {t('shell.chooseOrganization')}
              </button>
            )}
            <HelpSearch />
            <LanguageMenu />
            <span className="user" title={session.user.email}>
              {userName}
            </span>
            <button type="button" className="ghost" onClick={() => void signOut()}>
              {t('shell.signOut')}
            </button>
          </div>
        </header>
        <div className="layout">
          <nav
            aria-label={t('nav.label')}
            className={navOpen ? 'sidenav open' : 'sidenav'}
            id="main-nav"
            onClick={() => setNavOpen(false)}
          >
            {navFor(t, session).map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                end={item.to === '/'}
                className={({ isActive }) => {
                  const query = item.to.split('?')[1];
                  return isActive && (!query || location.search.includes(query)) ? 'active' : undefined;
                }}
              >
                {item.to === '/communications' && org ? (
                  <CommunicationsLink orgId={org.id} label={item.label} />
                ) : (
                  item.label
                )}
              </NavLink>
            ))}
          </nav>
          <main id="main" tabIndex={-1}>
            {session.termsRequired ? (
              <p className="empty-state">{t('shell.acceptTermsFirst')}</p>
            ) : session.twoFactor.setupRequired && org ? (
              <TwoFactorRequired orgName={org.name} />
            ) : org ? (
              <>
                <ScreenHelp />
                <LicenseBanner />
                <TrialBanner />
                <Outlet />
              </>
            ) : (
              <p className="empty-state">{t('shell.noOrganization')}</p>
            )}
          </main>
        </div>
        <TermsDialog open={session.termsRequired} />
        <ChooseOrgDialog open={choosing} onClose={() => setChoosing(false)} />
      </div>
    </CallProvider>
  );
}
