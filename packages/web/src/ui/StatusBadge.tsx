const tone: Record<string, string> = {
  Active: 'ok',
  Registered: 'ok',
  Connected: 'ok',
  Invited: 'info',
  Expired: 'down',
  Overflow: 'issue',
  Disconnected: 'down',
  Disabled: 'muted',
};

export function StatusBadge({ status, since }: { status: string; since?: string | undefined }) {
  return (
    <span className={`badge ${tone[status] ?? 'info'}`}>
      {status}
      {since ? ` ${since}` : ''}
    </span>
  );
}
