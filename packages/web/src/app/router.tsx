import { BrowserRouter, matchRoutes, Outlet, useRoutes, type RouteObject } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@crosspoint/protocol';
import { SessionProvider } from '../auth/session.tsx';
import { AppShell } from './AppShell.tsx';
import { lazyScreen, ScreenBoundary, type LazyScreen } from './lazy-screen.tsx';
import { LanguageSync } from '../i18n/LanguageSync.tsx';
import { SignInScreen } from '../features/auth/SignInScreen.tsx';

// The sign-in screen and the shell are in the first download; every other screen is a chunk of
// its own, fetched when first opened (see docs/performance.md, web-list: what each page downloads).
const ForgotPasswordScreen = lazyScreen(
  async () => (await import('../features/auth/ForgotPasswordScreen.tsx')).ForgotPasswordScreen,
);
const ResetPasswordScreen = lazyScreen(
  async () => (await import('../features/auth/ResetPasswordScreen.tsx')).ResetPasswordScreen,
);
const RegisterScreen = lazyScreen(
  async () => (await import('../features/auth/RegisterScreen.tsx')).RegisterScreen,
);
const TrialScreen = lazyScreen(async () => (await import('../features/auth/TrialScreen.tsx')).TrialScreen);
const DashboardScreen = lazyScreen(async () => {
  const m = await import('../features/dashboard/DashboardScreen.tsx');
  return { screen: m.DashboardScreen, prefetch: m.prefetchDashboard };
});
const DevicesScreen = lazyScreen(async () => {
  const m = await import('../features/devices/DevicesScreen.tsx');
  return { screen: m.DevicesScreen, prefetch: m.prefetchDevicesScreen };
});
const DeviceDetailScreen = lazyScreen(
  async () => (await import('../features/devices/DeviceDetailScreen.tsx')).DeviceDetailScreen,
);
const OverviewScreen = lazyScreen(
  async () => (await import('../features/organizations/OverviewScreen.tsx')).OverviewScreen,
);
const OrganizationsScreen = lazyScreen(
  async () => (await import('../features/organizations/OrganizationsScreen.tsx')).OrganizationsScreen,
);
const UsersScreen = lazyScreen(async () => (await import('../features/users/UsersScreen.tsx')).UsersScreen);
const ServersScreen = lazyScreen(
  async () => (await import('../features/servers/ServersScreen.tsx')).ServersScreen,
);
const LocationsScreen = lazyScreen(
  async () => (await import('../features/locations/LocationsScreen.tsx')).LocationsScreen,
);
const HistoryScreen = lazyScreen(
  async () => (await import('../features/history/HistoryScreen.tsx')).HistoryScreen,
);
const SettingsScreen = lazyScreen(
  async () => (await import('../features/settings/SettingsScreen.tsx')).SettingsScreen,
);
const SystemScreen = lazyScreen(
  async () => (await import('../features/system/SystemScreen.tsx')).SystemScreen,
);
const HelpScreen = lazyScreen(async () => (await import('../features/help/HelpScreen.tsx')).HelpScreen);
const AlertsScreen = lazyScreen(
  async () => (await import('../features/alerts/AlertsScreen.tsx')).AlertsScreen,
);
const DownloadsScreen = lazyScreen(
  async () => (await import('../features/downloads/DownloadsScreen.tsx')).DownloadsScreen,
);
const FirmwareScreen = lazyScreen(
  async () => (await import('../features/firmware/FirmwareScreen.tsx')).FirmwareScreen,
);
const UsageScreen = lazyScreen(async () => (await import('../features/usage/UsageScreen.tsx')).UsageScreen);
const InvoicesScreen = lazyScreen(
  async () => (await import('../features/billing/InvoicesScreen.tsx')).InvoicesScreen,
);
const CommunicationsScreen = lazyScreen(
  async () => (await import('../features/communications/CommunicationsScreen.tsx')).CommunicationsScreen,
);
const NotFoundScreen = lazyScreen(async () => (await import('./NotFoundScreen.tsx')).NotFoundScreen);

/** What a route keeps in `handle`: the screen to start downloading when a page opens on it. */
interface ScreenHandle {
  screen: LazyScreen;
}

/** A route showing a lazily loaded screen. */
function screen(Screen: LazyScreen, route: { path?: string; index?: true }): RouteObject {
  const handle: ScreenHandle = { screen: Screen };
  return { ...route, element: <Screen />, handle };
}

export const appRoutes: RouteObject[] = [
  {
    element: (
      <SessionProvider>
        <LanguageSync />
        <ScreenBoundary>
          <Outlet />
        </ScreenBoundary>
      </SessionProvider>
    ),
    children: [
      { path: '/sign-in', element: <SignInScreen /> },
      screen(ForgotPasswordScreen, { path: '/forgot-password' }),
      screen(ResetPasswordScreen, { path: '/reset-password' }),
      screen(RegisterScreen, { path: '/register' }),
      screen(TrialScreen, { path: '/trial' }),
      {
        path: '/',
        element: <AppShell />,
        children: [
          {
            // Inside the shell: its header and navigation stay while a screen downloads or fails.
            element: (
              <ScreenBoundary>
                <Outlet />
              </ScreenBoundary>
            ),
            children: [
              screen(DashboardScreen, { index: true }),
              screen(DevicesScreen, { path: 'devices' }),
              screen(DeviceDetailScreen, { path: 'devices/:deviceId' }),
              screen(OverviewScreen, { path: 'overview' }),
              screen(OrganizationsScreen, { path: 'organizations' }),
              screen(UsageScreen, { path: 'organizations/:clientId/usage' }),
              screen(UsageScreen, { path: 'usage' }),
              screen(InvoicesScreen, { path: 'invoices' }),
              screen(UsersScreen, { path: 'users' }),
              screen(ServersScreen, { path: 'servers' }),
              screen(LocationsScreen, { path: 'locations' }),
              screen(HistoryScreen, { path: 'history' }),
              screen(SettingsScreen, { path: 'settings' }),
              screen(SystemScreen, { path: 'system' }),
              screen(HelpScreen, { path: 'help' }),
              screen(AlertsScreen, { path: 'alerts' }),
              screen(DownloadsScreen, { path: 'downloads' }),
              screen(FirmwareScreen, { path: 'firmware' }),
              screen(FirmwareScreen, { path: 'firmware/campaigns/:campaignId' }),
              screen(CommunicationsScreen, { path: 'communications' }),
              screen(NotFoundScreen, { path: '*' }),
            ],
          },
        ],
      },
    ],
  },
];

function AppRoutes() {
  return useRoutes(appRoutes);
}

/**
 * The app's pages. Declarative routing (`BrowserRouter`): the app loads no data through the router,
 * and the data router (`createBrowserRouter`) would add ~18 kB of gzipped code to the first download.
 */
export function AppRouter() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}

/**
 * Starts downloading the screen of the page being opened, alongside the session request, and its
 * first requests as soon as both have arrived (see `ScreenPrefetch`).
 */
export function preloadScreenOf(
  location: { pathname: string; search: string },
  client: QueryClient,
  session: Promise<SessionInfo | null | undefined>,
): void {
  for (const match of matchRoutes(appRoutes, location) ?? []) {
    const screen = (match.route.handle as ScreenHandle | undefined)?.screen;
    if (!screen) continue;
    const code = screen.preload();
    // The screen's first requests leave once its code and the session are both there.
    void Promise.all([code, session])
      .then(([, s]) => {
        if (s?.currentOrg)
          return screen.prefetch(client, {
            orgId: s.currentOrg.id,
            session: s,
            search: new URLSearchParams(location.search),
          });
      })
      .catch(() => undefined); // the screen shows its own errors when it renders
  }
}
