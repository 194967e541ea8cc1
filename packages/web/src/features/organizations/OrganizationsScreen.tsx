import { useOrg } from '../../auth/session.tsx';
import { SupportOrgs } from './SupportOrgs.tsx';
import { Clients } from './Clients.tsx';

/** Support organizations: their clients. The platform: its support organizations. */
export function OrganizationsScreen() {
  const { session } = useOrg();
  return session.currentOrg?.kind === 'platform' ? <SupportOrgs /> : <Clients />;
}
