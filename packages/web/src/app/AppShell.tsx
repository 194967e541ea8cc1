import { NavLink, Outlet } from 'react-router';

/** Header, navigation and the current screen. Screens are added to `nav` as they ship. */
const nav = [{ to: '/', label: 'Hub status' }];

export function AppShell() {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Crosspoint</span>
        <nav aria-label="Main">
          {nav.map((item) => (
            <NavLink key={item.to} to={item.to} end className={({ isActive }) => (isActive ? 'active' : undefined)}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <a className="api-link" href="/api/docs">
          API docs
        </a>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
