import { useState } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import type { OrgChoice, SessionInfo } from '@crosspoint/protocol';
import { api } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { TermsDialog } from './TermsDialog.tsx';
import { ChooseOrgDialog } from './ChooseOrgDialog.tsx';
import { LanguageMenu } from './LanguageMenu.tsx';
import { useLiveEvents } from '../live/useLiveEvents.ts';

/** Searches the help pages from anywhere. */
function HelpSearch() {
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
      <input type="search" className="help-search" aria-label="Search help" placeholder="Search help…" value={q} onChange={(e) => setQ(e.target.value)} />
    </form>
  );
}

/** Keeps the current organization's screens live while mounted. */
function LiveIndicator({ orgId }: { orgId: string }) {
  const state = useLiveEvents(orgId);
  return (
    <span className={`live ${state}`} role="status" aria-label={state === 'live' ? 'Live updates on' : 'Reconnecting live updates'} title={state === 'live' ? 'Live' : 'Reconnecting…'}>
      {state === 'live' ? '● Live' : '○ Reconnecting'}
    </span>
  );
}

/** What the header says an organization is. */
export function orgKindLabel(org: OrgChoice): string {
  switch (org.kind) {
    case 'platform':
      return 'Platform operator';
    case 'support':
      return 'Support organization';
    case 'client':
      return org.parentName ? `Client of ${org.parentName}` : 'Client organization';
    case 'enterprise':
      return 'Enterprise';
  }
}

function navFor(session: SessionInfo): { to: string; label: string }[] {
  const org = session.currentOrg;
  const items = [{ to: '/', label: 'Dashboard' }];
  if (org?.kind !== 'platform') items.push({ to: '/devices?kind=pro-audio', label: 'Pro Audio' }, { to: '/devices?kind=video', label: 'Video' });
  items.push({ to: '/overview', label: 'Organization' });
  if (org?.kind === 'support' || org?.kind === 'platform') items.push({ to: '/organizations', label: 'Organizations' });
  items.push({ to: '/users', label: 'Users' });
  if (org?.kind !== 'platform') {
    items.push({ to: '/servers', label: 'Servers' }, { to: '/locations', label: 'Locations' });
  }
  if (session.permissions.includes('alerts.read')) items.push({ to: '/alerts', label: 'Alerts' });
  items.push({ to: '/history', label: 'History' }, { to: '/settings', label: 'Settings' }, { to: '/help', label: 'Help' });
  if (org?.kind !== 'platform') items.push({ to: '/downloads', label: 'Downloads' });
  items.push({ to: '/system', label: 'Hub status' });
  return items;
}

/** Header, navigation and the current screen, for a signed-in user. */
export function AppShell() {
  const { session, replace } = useSession();
  const location = useLocation();
  const [choosing, setChoosing] = useState(false);
  if (session === undefined) return <p className="page-message" role="status">Loading…</p>;
  if (session === null) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  const org = session.currentOrg;
  const signOut = async () => {
    await api.post('/api/v1/auth/sign-out').catch(() => undefined);
    replace(null);
  };
  const userName = [session.user.firstName, session.user.lastName].filter(Boolean).join(' ') || session.user.email;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Crosspoint</span>
        {org && (
          <span className="org-badge" data-testid="current-org">
            <strong>{org.name}</strong> <span className="kind">{orgKindLabel(org)}</span>
          </span>
        )}
        <div className="topbar-right">
          {org && !session.termsRequired && <LiveIndicator key={org.id} orgId={org.id} />}
          {session.organizations.length > 1 && (
            <button type="button" className="ghost" onClick={() => setChoosing(true)}>
              Choose Organization…
            </button>
          )}
          <HelpSearch />
          <LanguageMenu />
          <span className="user" title={session.user.email}>
            {userName}
          </span>
          <button type="button" className="ghost" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <div className="layout">
        <nav aria-label="Main" className="sidenav">
          {navFor(session).map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              end={item.to === '/'}
              className={({ isActive }) => {
                const query = item.to.split('?')[1];
                return isActive && (!query || location.search.includes(query)) ? 'active' : undefined;
              }}
            >
              {item.label}
            </NavLink>
          ))}
        </nav>
        <main id="main" tabIndex={-1}>
          {session.termsRequired ? (
            <p className="empty-state">Accept the terms to continue.</p>
          ) : org ? (
            <Outlet />
          ) : (
            <p className="empty-state">You are not a member of any organization yet. Ask an owner to invite you.</p>
          )}
        </main>
      </div>
      <TermsDialog open={session.termsRequired} />
      <ChooseOrgDialog open={choosing} onClose={() => setChoosing(false)} />
    </div>
  );
}
