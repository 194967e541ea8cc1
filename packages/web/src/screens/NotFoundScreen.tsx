import { Link, useLocation } from 'react-router';

export function NotFoundScreen() {
  const { pathname } = useLocation();
  return (
    <section className="empty-state">
      <h1>Page not found</h1>
      <p>
        Nothing lives at <code>{pathname}</code>. <Link to="/">Back to the overview</Link>.
      </p>
    </section>
  );
}
