import { createBrowserRouter } from 'react-router';
import { AppShell } from './AppShell.tsx';
import { SystemScreen } from '../screens/SystemScreen.tsx';
import { NotFoundScreen } from '../screens/NotFoundScreen.tsx';

export function createAppRouter() {
  return createBrowserRouter([
    {
      path: '/',
      element: <AppShell />,
      children: [
        { index: true, element: <SystemScreen /> },
        { path: '*', element: <NotFoundScreen /> },
      ],
    },
  ]);
}
