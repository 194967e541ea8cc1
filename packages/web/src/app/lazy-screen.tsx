import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '@crosspoint/protocol';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { addEnglishRest, loadEnglishRest } from '../i18n/i18n.ts';

/** What a screen may ask for before it renders: the page's address and the session's organization. */
export interface ScreenPrefetchContext {
  orgId: string;
  session: SessionInfo;
  search: URLSearchParams;
}

/**
 * Starts a screen's first requests (the same query keys its hooks use) as soon as its code and the
 * session are both there, instead of after its first render: the page opened by address saves the
 * time between the session's answer and the screen's effects.
 */
export type ScreenPrefetch = (client: QueryClient, context: ScreenPrefetchContext) => void;

/** A screen's module: the component, and optionally what it prefetches. */
export type ScreenModule = ComponentType | { screen: ComponentType; prefetch: ScreenPrefetch };

/** A screen loaded on first use, in its own chunk; `preload` starts the download early. */
export type LazyScreen = ComponentType & {
  preload: () => Promise<unknown>;
  /** Downloads the screen (if not yet) and starts its prefetch, if it has one. */
  prefetch: (client: QueryClient, context: ScreenPrefetchContext) => Promise<void>;
};

/**
 * Wraps a screen's dynamic import: the chunk is fetched once, by `preload` (called for the page
 * being opened, so the download runs alongside the session request) or on first render, together
 * with the rest of the English catalog (the first download has only its core sections), which the
 * screen adds to its i18next instance before its first render. A screen whose code has arrived
 * renders at once, without suspending: React holds a revealed Suspense boundary back for up to
 * 300 ms, which would delay the screen's own requests. A failed download is forgotten, so a later
 * attempt fetches again.
 */
export function lazyScreen(load: () => Promise<ScreenModule>): LazyScreen {
  let loaded: ComponentType | undefined;
  let prefetchOf: ScreenPrefetch | undefined;
  let loading: Promise<ComponentType> | undefined;
  const preload = () =>
    (loading ??= Promise.all([load(), loadEnglishRest()]).then(
      ([module]) => {
        if (typeof module === 'function') return (loaded = module);
        prefetchOf = module.prefetch;
        return (loaded = module.screen);
      },
      (e: unknown) => {
        loading = undefined;
        throw e;
      },
    ));
  const Suspending = lazy(async () => ({ default: await preload() }));
  function Screen() {
    // Chosen once per mount: switching component types would remount the screen and lose its state.
    const [Shown] = useState<ComponentType>(() => loaded ?? Suspending);
    return (
      <WithEnglishRest>
        <Shown />
      </WithEnglishRest>
    );
  }
  const prefetch = async (client: QueryClient, context: ScreenPrefetchContext) => {
    await preload();
    prefetchOf?.(client, context);
  };
  return Object.assign(Screen, { preload, prefetch });
}

/**
 * A component of the first download's code loaded on first render (React.lazy) together with the
 * rest of the English catalog, which it adds before rendering: like `lazyScreen`, for a part of a
 * screen (the help "?" of the shell) rather than a whole one.
 */
export function lazyPart(load: () => Promise<ComponentType>): ComponentType {
  const Part = lazy(async () => ({ default: (await Promise.all([load(), loadEnglishRest()]))[0] }));
  return function LazyPart() {
    return (
      <WithEnglishRest>
        <Part />
      </WithEnglishRest>
    );
  };
}

/**
 * Adds the rest of English to the instance before its children render (a no-op once done, or while
 * it is still downloading: the lazy screen below suspends until both have arrived).
 */
function WithEnglishRest({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  addEnglishRest(i18n);
  return children;
}

/** What fills the page while a screen's code downloads: announced politely, once. */
export function ScreenLoading() {
  const { t } = useTranslation();
  return (
    <p className="page-message" role="status" aria-live="polite" data-testid="screen-loading">
      {t('common.loading')}
    </p>
  );
}

interface BoundaryProps {
  children: ReactNode;
  /** A new value (the next page) clears a shown error. */
  resetKey: string;
}

class ErrorBoundary extends Component<BoundaryProps, { error: unknown; resetKey: string }> {
  override state = { error: undefined as unknown, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: { resetKey: string }) {
    return props.resetKey === state.resetKey ? null : { error: undefined, resetKey: props.resetKey };
  }

  override render() {
    return this.state.error === undefined ? this.props.children : <ScreenError error={this.state.error} />;
  }
}

/**
 * Around lazily loaded screens: "Loading…" while a screen's code downloads, and a message with a
 * reload button in its place when it cannot be shown.
 */
export function ScreenBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <ErrorBoundary resetKey={pathname}>
      <Suspense fallback={<ScreenLoading />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

/** Chromium, Firefox and Safari word a failed `import()` differently. */
const chunkFailure =
  /dynamically imported module|Importing a module script failed|error loading dynamically/i;

/**
 * Shown in place of a screen that cannot be shown, most often because its code could not be
 * downloaded (hub unreachable, or a new version deployed since this page was opened): reloading
 * fetches the current one.
 */
function ScreenError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message =
    error instanceof Error && chunkFailure.test(error.message) ? t('errors.NETWORK') : t('errors.generic');
  return (
    <p role="alert" className="error page-message" data-testid="screen-error">
      {message}{' '}
      <button type="button" onClick={() => window.location.reload()}>
        {t('common.tryAgain')}
      </button>
    </p>
  );
}
