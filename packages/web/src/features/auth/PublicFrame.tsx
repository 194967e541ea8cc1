import type { ReactNode } from 'react';
import { LanguageMenu } from '../../app/LanguageMenu.tsx';

/** The centered card the signed-out screens share. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main" className="public">
      <div className="card public-card">
        <div className="public-head">
          <p className="brand-large">Crosspoint</p>
          <LanguageMenu className="language light" />
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
