import { createBrowserRouter, Outlet } from 'react-router';
import { SessionProvider } from '../auth/session.tsx';
import { AppShell } from './AppShell.tsx';
import { LanguageSync } from '../i18n/LanguageSync.tsx';
import { SignInScreen } from '../screens/auth/SignInScreen.tsx';
import { ForgotPasswordScreen } from '../screens/auth/ForgotPasswordScreen.tsx';
import { ResetPasswordScreen } from '../screens/auth/ResetPasswordScreen.tsx';
import { RegisterScreen } from '../screens/auth/RegisterScreen.tsx';
import { OverviewScreen } from '../screens/OverviewScreen.tsx';
import { DashboardScreen } from '../screens/DashboardScreen.tsx';
import { DevicesScreen } from '../screens/DevicesScreen.tsx';
import { DeviceDetailScreen } from '../screens/DeviceDetailScreen.tsx';
import { HelpScreen } from '../screens/HelpScreen.tsx';
import { AlertsScreen } from '../screens/AlertsScreen.tsx';
import { DownloadsScreen } from '../screens/DownloadsScreen.tsx';
import { OrganizationsScreen } from '../screens/OrganizationsScreen.tsx';
import { UsersScreen } from '../screens/UsersScreen.tsx';
import { ServersScreen } from '../screens/ServersScreen.tsx';
import { LocationsScreen } from '../screens/LocationsScreen.tsx';
import { HistoryScreen } from '../screens/HistoryScreen.tsx';
import { SettingsScreen } from '../screens/SettingsScreen.tsx';
import { SystemScreen } from '../screens/SystemScreen.tsx';
import { NotFoundScreen } from '../screens/NotFoundScreen.tsx';

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: (
        <SessionProvider>
          <LanguageSync />
          <Outlet />
        </SessionProvider>
      ),
      children: [
        { path: '/sign-in', element: <SignInScreen /> },
        { path: '/forgot-password', element: <ForgotPasswordScreen /> },
        { path: '/reset-password', element: <ResetPasswordScreen /> },
        { path: '/register', element: <RegisterScreen /> },
        {
          path: '/',
          element: <AppShell />,
          children: [
            { index: true, element: <DashboardScreen /> },
            { path: 'devices', element: <DevicesScreen /> },
            { path: 'devices/:deviceId', element: <DeviceDetailScreen /> },
            { path: 'overview', element: <OverviewScreen /> },
            { path: 'organizations', element: <OrganizationsScreen /> },
            { path: 'users', element: <UsersScreen /> },
            { path: 'servers', element: <ServersScreen /> },
            { path: 'locations', element: <LocationsScreen /> },
            { path: 'history', element: <HistoryScreen /> },
            { path: 'settings', element: <SettingsScreen /> },
            { path: 'system', element: <SystemScreen /> },
            { path: 'help', element: <HelpScreen /> },
            { path: 'alerts', element: <AlertsScreen /> },
            { path: 'downloads', element: <DownloadsScreen /> },
            { path: '*', element: <NotFoundScreen /> },
          ],
        },
      ],
    },
  ]);
}
