import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { AppRouter, preloadScreenOf } from './app/router.tsx';
import { prefetchSession } from './auth/session.tsx';
import { createI18n, initialLanguage } from './i18n/i18n.ts';
import './styles.css';

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();
const language = initialLanguage(storage, navigator.languages);
document.documentElement.lang = language;
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } },
});
preloadScreenOf(window.location, queryClient, prefetchSession(queryClient));
const root = document.getElementById('root');
// The first render waits for the language's catalog (at once for English, which is in the first
// download; one request for the others, fetched alongside the page's screen): no English first.
void createI18n(language).then((i18n) => {
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <AppRouter />
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
});
