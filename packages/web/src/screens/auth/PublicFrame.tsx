import type { ReactNode } from 'react';

/** The centered card the signed-out screens share. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main" className="public">
      <div className="card public-card">
        <p className="brand-large">Crosspoint</p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
