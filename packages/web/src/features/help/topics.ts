import type { OrgKind, Permission } from '@crosspoint/protocol';

/**
 * A help page, shown to the organizations and roles it concerns. The title (and the navigation to
 * it) is translated through the catalogs as `help.topics.<id>`; `title` here is the English one.
 * The body is English-only prose for now: see docs/web-i18n.md.
 */
export interface HelpTopic {
  id: string;
  title: string;
  /** Organization kinds it applies to (absent: all). */
  kinds?: OrgKind[];
  /** Shown only to people with this permission. */
  needs?: Permission;
  body: string[];
}

export const helpTopics: HelpTopic[] = [
  {
    id: 'dashboard',
    title: 'Reading the dashboard',
    body: [
      'The chart groups devices as Down, Issues and Healthy. Click a slice or its legend to open the device list filtered to it.',
      'Issues are every status that is neither Down nor Healthy: Login Failed, OVERHEATING!, Incomplete Stack, VoIP Registration Failed, Safety Mute On, Locate Light On, Overflowed and the others.',
      'The dashboard changes by itself while the “Live” mark shows in the header.',
    ],
  },
  {
    id: 'statuses',
    title: 'Device statuses and what to do',
    body: [
      'Down: the device does not answer on the network. Check its power and cable, then the agent’s subnet.',
      'Login Failed: the device refused the agent’s username and password. Use the “Change credentials” action or set them on the agent.',
      'Incomplete Stack / Mismatched Stack: a box or P-Link device of the stack is offline, or reports another stack name.',
      'Overflowed: the organization has more devices than its service plan allows; the newest ones are shown Overflowed until the plan grows.',
      'Updating Firmware, Restarting..., Configuring: a job is running on the device; it comes back by itself.',
    ],
  },
  {
    id: 'devices',
    title: 'Searching, sorting and exporting devices',
    body: [
      'Type in the search box to match names, serial numbers, models, addresses, firmware and connections. Filters combine with the search.',
      'Click a column title to sort by it; click again to reverse. Choose the columns you want under “Columns”.',
      '“Download CSV” saves every device of the current view (search, filters, columns), not only the rows on screen.',
      'Select rows (or all visible rows) to run an action on all of them at once; progress shows as the jobs finish.',
    ],
  },
  {
    id: 'actions',
    title: 'Device actions',
    needs: 'devices.command',
    body: [
      'Every action becomes a job: you see its progress live, and the organization’s History records who ran it.',
      'Restart, VoIP restart and credential changes ask for confirmation: the device may be unavailable for a while.',
      'If the device’s agent is offline, the job waits up to two minutes for it, then fails with a clear reason.',
    ],
  },
  {
    id: 'clients',
    title: 'Adding a client organization',
    kinds: ['support'],
    needs: 'clients.manage',
    body: [
      'Organizations › Add client organization: enter the name and the initial owner (a member of your organization is recommended), then the service plan: the number of Pro Audio devices from your licensed pool and the dates.',
      'Review and add. The client shows Invited until someone works in it, Active while its plan runs, Expired after its end date, and Overflow when it has more devices than its plan.',
      'Use “Sign in” on a client’s row, or Choose Organization…, to work in it with your own account.',
      'An organization you own that no support organization looks after any more appears first in the wizard, under “Attach an organization you own”: attach it as it is, with its devices, users and plan. “Release” on a client’s row does the opposite: the client keeps everything, leaves your overview and your pool, and its Owners can attach it again.',
    ],
  },
  {
    id: 'rollup',
    title: 'All your clients at a glance',
    kinds: ['support'],
    body: [
      'Your own Dashboard, Pro Audio and Video lists, Servers, Alerts and History take in every client’s devices and events, each row naming its organization. Nothing to switch: this is the view of your support organization.',
      '“Clients by health” on the Dashboard puts the clients with the most devices Down, then with issues, first. Click a client, or its Down or Issues count, to open the device list filtered to it.',
      'Filter any of these lists by organization. A client’s device opens in the client’s own organization (its page says which), and its actions run there, with your role.',
      'Each client sees only its own devices and events, never another client’s.',
    ],
  },
  {
    id: 'users',
    title: 'Users and roles',
    body: [
      'Owners can do everything, including managing other Owners. Administrators manage users, servers, locations and devices. Monitors can see everything and change nothing.',
      'Users › Add users invites one or many email addresses at once with a role and a language. An invited user registers a password from the email.',
      'Members of a support organization act in its client organizations with the same role.',
    ],
  },
  {
    id: 'servers',
    title: 'Connecting a site (agent server accounts)',
    kinds: ['client', 'support', 'enterprise'],
    body: [
      'Servers › Add agent server account: choose a name and a password (at least 8 characters with a letter, a digit and a special character).',
      'On the site, run the agent and enter the hub address, the account’s agent login (“Name@code”: shown when the account is added and in the Servers list’s Agent login column, each with a Copy button) and the password. See Downloads.',
      'A server is Connected while its agent holds its link; its devices count and enabled subnets show here.',
    ],
  },
  {
    id: 'license',
    title: 'Enterprise license',
    kinds: ['enterprise'],
    body: [
      'Without a license the enterprise edition monitors up to 5 devices. Settings › Subscription and License › choose the license file to unlock its capacity.',
      'A license file is signed; an edited or expired file is refused with the reason.',
      'A new license counts at once: devices past the old capacity stop being Overflowed without the agent reconnecting.',
      'From 30 days before the license expires, Owners and Administrators see a banner with the days left. After its expiry the license keeps its devices for a grace period (14 days unless the hub is set otherwise); then the enterprise edition monitors 5 devices again.',
    ],
  },
  {
    id: 'operators',
    title: 'Operating the platform',
    kinds: ['platform'],
    body: [
      'Organizations lists the support organizations (AV integrators). Add one with its licensed device pool and its owner’s email.',
      'Mail the hub cannot send (no SMTP configured) stays in the outbox: GET /api/v1/outbox.',
    ],
  },
];

/**
 * Topics for this organization kind and these permissions, matching `search` in the title (as shown,
 * `titleOf`, and in English) or the text.
 */
export function visibleTopics(
  kind: OrgKind | undefined,
  can: (p: Permission) => boolean,
  search: string,
  titleOf: (topic: HelpTopic) => string = (t) => t.title,
): HelpTopic[] {
  const q = search.trim().toLowerCase();
  return helpTopics.filter(
    (t) =>
      (!t.kinds || (kind !== undefined && t.kinds.includes(kind))) &&
      (!t.needs || can(t.needs)) &&
      (!q || [titleOf(t), t.title, ...t.body].some((text) => text.toLowerCase().includes(q))),
  );
}
