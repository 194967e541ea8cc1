import type { OrgKind, Permission } from '@crosspoint/protocol';
import type { HelpBodies } from './help-bodies.ts';

/**
 * A help page, shown to the organizations and roles it concerns (its scope: edition, organization
 * kind, the permission it needs). The title is translated through the catalogs as
 * `help.topics.<id>`; `title` here is the English one. The body is English, with translations in
 * translations/<lng>.ts, each loaded when its language's help is read (help-bodies.ts): a topic
 * without one shows the English body and says so (docs/web-i18n.md).
 */
export interface HelpTopic {
  id: string;
  title: string;
  /** Organization kinds it applies to (absent: all). `enterprise` is the Enterprise edition. */
  kinds?: OrgKind[];
  /** Shown only to people with this permission. */
  needs?: Permission;
  /** The screens whose "?" opens this page: path prefixes, the longest match wins. */
  screens?: string[];
  body: string[];
}

const cloud: OrgKind[] = ['platform', 'support', 'client'];
const sites: OrgKind[] = ['support', 'client', 'enterprise'];

export const helpTopics: HelpTopic[] = [
  {
    id: 'monitoring-devices',
    title: 'Monitoring ClearOne Devices',
    screens: ['/devices'],
    body: [
      'Pro Audio lists the CONVERGE Pro 2, CONVERGE Huddle, BMA 360D and P-Link devices (expanders, microphones, DIALOG 20) the agents of your sites found; Video lists the COLLABORATE Live devices. Each row shows the device’s status, model, name, serial number, its connections (subnet › stack › C-Link/P-Link), location, firmware and access address.',
      'Statuses change live while the “Live” mark shows in the header: a device that stops answering turns Down within a minute, and back to Healthy by itself when it answers again.',
      'Open a device to see its facts, the status history and the actions your role allows. Down, Issues and Healthy on the Dashboard open this list already filtered.',
    ],
  },
  {
    id: 'dashboard',
    title: 'Reading the dashboard',
    screens: ['/'],
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
      'Login Failed: the device refused the agent’s username and password. Use the “Change login…” action on the device page so the agent and every box of the stack use the same login.',
      'Incomplete Stack / Mismatched Stack: a box or P-Link device of the stack is offline, or reports another stack name.',
      'Safety Mute On and Locate Light On are states someone set on purpose; turn them off from the device’s actions when the work is done.',
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
    ],
  },
  {
    id: 'selecting-devices',
    title: 'Selecting Devices',
    needs: 'devices.command',
    body: [
      'Tick the box at the start of a row to select a device, or the box in the column title to select every device the list shows (after its search and filters).',
      'The selection bar then offers what can be done to all of them at once: assign them to a location, or run an action such as locate, safety mute or a firmware update. Each device becomes a job; the bar shows how many are done and how many failed.',
      '“Clear selection” empties it. A selection is kept while you sort or page through the list.',
    ],
  },
  {
    id: 'actions',
    title: 'Device actions',
    needs: 'devices.command',
    screens: ['/devices/'],
    body: [
      'Every action becomes a job: you see its progress live, and the organization’s History records who ran it.',
      'Restart, VoIP restart, loading a configuration and changing the login ask for confirmation: the device may be unavailable for a while.',
      'If the device’s agent is offline, the job waits up to two minutes for it, then fails with a clear reason.',
    ],
  },
  {
    id: 'locate-light',
    title: 'Toggling Device Locate Light',
    needs: 'devices.command',
    body: [
      'The locate light makes a device blink its front-panel lights so a technician finds the right box in a rack or a ceiling.',
      'On the device page, choose “Locate on”; the device shows Locate Light On until you choose “Locate off”. With several devices selected in the list, the selection bar turns the locate light on or off for all of them.',
      'Locate Light On counts among the Issues on the Dashboard, so a light left on is noticed.',
    ],
  },
  {
    id: 'device-credentials',
    title: 'Changing a Device’s Username and Password',
    needs: 'devices.command',
    body: [
      'A CONVERGE Pro 2 stack has one login (user name and password) for all its boxes. The agent uses it for its session; a wrong one shows Login Failed.',
      'On the device page, “Change login…” sets a new user name and password on every box of the stack. The agent keeps the new password sealed on its server and logs in with it from then on.',
      'If the login was changed outside Crosspoint, enter the new one with the same action so the agent can log in again.',
    ],
  },
  {
    id: 'backup-config',
    title: 'Backing Up Device Configuration',
    needs: 'devices.command',
    body: [
      '“Back up configuration” on the device page asks the agent to download the stack’s project file (.PCCP2X) over FTP and send it to the hub. FTP must be enabled on the device for this.',
      'The file appears in the job’s results: Administrators and Owners can download it, since it may hold the stack’s login.',
      'Every backup that differs from the one before is also kept as a configuration version (see Configuration versions), nightly backups included.',
    ],
  },
  {
    id: 'restore-config',
    title: 'Restoring Device Configuration',
    needs: 'devices.command',
    body: [
      'Under Configuration versions on the device page, “Restore” loads a kept version back to the device; “Restore baseline” loads the approved one.',
      'A backup is taken first, so the configuration being replaced is never lost. The device is unavailable while it loads, and audio may stop.',
      'A version of one model can also be restored to another device of the same model.',
    ],
  },
  {
    id: 'load-config',
    title: 'Loading Device Configuration',
    needs: 'devices.command',
    body: [
      '“Load configuration…” uploads a project file (.PCCP2X) from your computer and loads it on the device. The project replaces the whole configuration: stack name, login, macros and settings.',
      'The file is checked before it is sent to the agent; the upload shows its progress. A backup is taken before the load, and another after it.',
      'Audio may stop while the project loads; choose a quiet moment.',
    ],
  },
  {
    id: 'ftp',
    title: 'Enabling and Disabling FTP',
    needs: 'devices.command',
    body: [
      'The CONVERGE Pro 2 transfers configuration files and logs over FTP. “Enable FTP” and “Disable FTP” on the device page switch it on the whole stack.',
      'Backups, restores and log downloads need FTP enabled; leave it disabled otherwise if your network policy asks for it.',
    ],
  },
  {
    id: 'firmware-badges',
    title: 'Firmware Update Badges',
    body: [
      'When a firmware package newer than a device’s firmware is published for its model, the Firmware column shows “Update available” with the version, and so does the device page.',
      'The badge comes from the firmware catalog: the platform operator’s packages, your organization’s, and your support organization’s. A withdrawn package gives no badge.',
      'Filter the device list on the Firmware column to find every device that can be updated.',
    ],
  },
  {
    id: 'updating-firmware',
    title: 'Updating Firmware',
    needs: 'devices.command',
    screens: ['/firmware'],
    body: [
      'One device or a few: “Update firmware…” on the device page or in the selection bar uploads an image once and writes it to each device. Each device restarts and is unavailable for a few minutes: do not switch it off meanwhile.',
      'Many devices: publish the image in Firmware › Catalog, then start a campaign (see Firmware campaigns).',
      'The job’s results show the firmware before and after. A failed update leaves the device on its old firmware and says why.',
    ],
  },
  {
    id: 'firmware-campaigns',
    title: 'Firmware campaigns',
    needs: 'devices.command',
    screens: ['/firmware/campaigns'],
    body: [
      'A campaign rolls one firmware package out to many devices: a pilot group first, then waves. Thresholds decide whether it goes on: if too many devices of a wave fail, the campaign halts.',
      'A health gate checks that the updated devices come back healthy before the next wave; maintenance windows restrict when waves run.',
      'A campaign can ask for approval by a second person before it starts. It can be paused, resumed or cancelled; its report lists every device with its result and can be downloaded.',
    ],
  },
  {
    id: 'configuration-versions',
    title: 'Configuration versions',
    needs: 'devices.read',
    body: [
      'The hub keeps every configuration a device has had: nightly backups, backups on demand, and backups before and after every change. Identical content is kept once.',
      'Choose two versions and “Compare” to see what changed, setting by setting for a CONVERGE Pro 2 project.',
      'Set one version as the baseline, the configuration you approved. When the device no longer holds it, the device page says so and an alert rule (configuration drift) can tell people; “Accept as new baseline” or “Restore baseline” settles it.',
    ],
  },
  {
    id: 'communications',
    title: 'Communications',
    needs: 'devices.command',
    body: [
      'Communications covers the telephone side of a device: VoIP registration and the services a CONVERGE Pro 2 uses to place calls.',
      '“VoIP registration status” asks the device for the state of each line; VoIP Registration Failed means a line is not registered with its SIP server. Check the server, the account and the network, then “Restart VoIP”.',
      'VoIP Restart Pending shows after settings that need a VoIP restart; Communication Service Failed means the device’s communication service stopped: restart the device.',
    ],
  },
  {
    id: 'collaborate-link',
    title: 'Linking to COLLABORATE Space Administrator',
    body: [
      'COLLABORATE Live video devices appear under Video, found by the agent like the Pro Audio devices; their status, model, serial number and firmware show there. A codec that loses its COLLABORATE Space registration shows Communication Service Failed.',
      'Settings › My Account › Linking to COLLABORATE Space: “Link my account” takes you to COLLABORATE Space’s sign-in page; allow access there and you come back linked. Crosspoint keeps the access it is given, sealed, and renews it; “Unlink my account” removes it. For an on-premises COLLABORATE Space, enter its address first.',
      'An Owner or Administrator also links the organization (“Link the organization”). The Dashboard then shows, under Video collaboration, the video devices by status, the COLLABORATE Space users by presence (online, busy, away, offline), all licenses and the latest phone calls and meetings, refreshed every few seconds. When COLLABORATE Space does not answer, the Dashboard says “COLLABORATE Space unreachable” and the rest of it still works.',
      'When your own linked COLLABORATE Space account is an administrator there, Add Users offers “Also create as COLLABORATE Space users”; the dialog says for each person whether it was done.',
    ],
  },
  {
    id: 'locations-tree',
    title: 'Device Locations Tree Table',
    screens: ['/locations'],
    body: [
      'Locations shows your places as a tree: regions, sites, buildings, floors and rooms. The arrow before a name opens or closes what is inside; a search shows each match with its whole path.',
      'The Dashboard’s device locations and the device list’s location filter use the same tree: filtering on a building includes its floors and rooms.',
    ],
  },
  {
    id: 'managing-locations',
    title: 'Managing Device Locations',
    needs: 'locations.manage',
    body: [
      '“Add location” creates a place at the top level; “Add inside” on a row creates one inside it. Edit a row to rename it, change its kind or move it elsewhere in the tree.',
      'Assign devices from the device list: select them, then “Assign to location…”. A server account can have a location too, for the devices it brings.',
      'Deleting a place that still holds places or devices is refused: move them first.',
    ],
  },
  {
    id: 'pro-audio-subnet',
    title: 'Adding a Pro Audio Subnet',
    kinds: sites,
    body: [
      'The agent looks for devices on the subnets it is started with (--subnets CIDR[:port][@interface], e.g. 192.168.10.0/24@eth0) and keeps a session to each device it finds.',
      'On the agent’s own web page (http://localhost:8090 on the site server, unless started with another --ui-port), Subnets lists them: enable or disable each one, and “Discover now” sweeps at once. A disabled subnet is neither swept nor polled; its devices show Not Monitored, not Down.',
      'The hub’s Servers screen shows how many subnets of each agent are enabled.',
    ],
  },
  {
    id: 'servers',
    title: 'Connecting a site (agent server accounts)',
    kinds: sites,
    needs: 'servers.read',
    body: [
      'Servers › Add agent server account: choose a name and a password (at least 8 characters with a letter, a digit and a special character).',
      'On the site, run the agent and enter the hub address, the account’s agent login (“Name@code”: shown when the account is added and in the Servers list’s Agent login column, each with a Copy button) and the password. See Downloads.',
      'A server is Connected while its agent holds its link; its devices count and enabled subnets show here.',
    ],
  },
  {
    id: 'monitoring-servers',
    title: 'Monitoring Servers',
    kinds: sites,
    needs: 'servers.read',
    screens: ['/servers'],
    body: [
      'Servers lists the agent server accounts: whether each agent is Connected, its monitoring system (Active, Issue, Off), its version, load, enabled subnets and when it was last seen.',
      'A server whose monitoring reports Issue names the problems: a subnet sweep failing, a growing buffer, clock skew, failing credentials, high CPU or memory.',
      'An alert rule of the kind “a server disconnects or its monitoring has an issue” tells people by email, SMS or webhook.',
    ],
  },
  {
    id: 'agent-install',
    title: 'Installing the agent',
    kinds: sites,
    screens: ['/downloads'],
    body: [
      'Downloads offers the agent: one file for Linux or Windows with Node.js 20. Check its SHA-256, then install it as a service (systemd on Linux, WinSW on Windows) as the page shows.',
      'The agent connects out to the hub: no inbound firewall rule is needed. Its first admin password is in its log.',
      'Agents update themselves from the hub when set to automatic; otherwise Servers shows “Update available” with an Update button.',
    ],
  },
  {
    id: 'useful-links',
    title: 'Useful Links',
    body: [
      'Downloads: the agent for your sites and how to install it. Help: these pages; search them from the box in the header.',
      'The API: every screen is built on it; its description is at /api/docs on this hub, and API tokens (Settings › API tokens) let scripts use it.',
      'Hub status (platform operator): the database, event bus and connected agents at a glance.',
    ],
  },
  {
    id: 'alerts',
    title: 'Alerts',
    needs: 'alerts.read',
    screens: ['/alerts'],
    body: [
      'An alert rule says what to watch (device statuses, a server disconnecting, the plan overflowing or ending), for how long before telling, how often to repeat, and by which channels: email, SMS, webhook.',
      'Incidents lists what is failing now; the Delivery log shows every message sent, kept or failed. A maintenance window mutes alerts for an organization, a location or a device.',
      'Each person chooses under Settings › My Account which organizations’ alerts reach them by email and SMS; messages come in their language.',
    ],
  },
  {
    id: 'users',
    title: 'Users and roles',
    screens: ['/users'],
    body: [
      'Owners can do everything, including managing other Owners. Administrators manage users, servers, locations and devices. Monitors can see everything and change nothing.',
      'Users › Add users invites one or many email addresses at once with a role and a language. An invited user registers a password from the email, which is written in the language chosen.',
      'Members of a support organization act in its client organizations with the same role.',
    ],
  },
  {
    id: 'sign-in-ldap',
    title: 'Signing in with LDAP / Active Directory',
    needs: 'users.manage',
    screens: ['/settings'],
    body: [
      'Settings › Sign-in › LDAP / Active Directory connects your directory: its server, the bind account, where people are searched, and which groups give which role.',
      'People then sign in on the normal sign-in page as DOMAIN\\name or name@domain with their directory password; their account is created at the first sign-in and their role follows their groups at every sign-in.',
      '“Test connection” and “Test a user” check the settings before anyone depends on them.',
    ],
  },
  {
    id: 'sign-in-oidc',
    title: 'Signing in with OpenID Connect',
    needs: 'users.manage',
    body: [
      'Settings › Sign-in › OpenID Connect adds a provider (Microsoft Entra ID, Okta, Google Workspace, Keycloak…): its issuer URL, client ID and secret, and rules from claim values to roles.',
      'Register the redirect URI shown there at the provider. The sign-in page then offers “Sign in with …”; without a claim value that gives a role, nobody can sign in through it.',
    ],
  },
  {
    id: 'two-factor',
    title: 'Two-factor sign-in',
    body: [
      'Settings › My Account › Two-factor sign-in adds a 6-digit code from an authenticator app to your password. Keep the recovery codes shown once: each signs you in once if your phone is lost.',
      'Owners can require two-factor sign-in of every member (Settings › Sign-in). People who sign in through an OpenID provider are excepted: the provider asks for their second factor.',
    ],
  },
  {
    id: 'api-tokens',
    title: 'API tokens',
    needs: 'tokens.manage',
    body: [
      'Settings › API tokens creates a token for scripts and integrations, with a validity and, if you wish, the read-only Monitor role. The secret is shown once: copy it then.',
      'A token stops working when it expires, when it is revoked, and as soon as the person who created it leaves the organization or loses its role.',
    ],
  },
  {
    id: 'history',
    title: 'History',
    needs: 'audit.read',
    screens: ['/history'],
    body: [
      'History records who did what and when in the organization: sign-ins, users, client organizations, servers, locations, API tokens, license changes and device actions.',
      'Search it, filter by area and dates; the chart shows the actions per day of what is loaded.',
    ],
  },
  {
    id: 'clients',
    title: 'Adding a client organization',
    kinds: ['support'],
    needs: 'clients.manage',
    screens: ['/organizations'],
    body: [
      'Organizations › Add client organization: enter the name and the initial owner (a member of your organization is recommended), then the service plan: the number of Pro Audio devices from your licensed pool and the dates.',
      'Review and add. The client shows Invited until someone works in it, Active while its plan runs, Expired after its end date, and Overflow when it has more devices than its plan.',
      'Use Choose Organization… to work in a client with your own account. “Release” on a client’s row stops looking after it: it keeps everything, and its Owners can attach it to a support organization again.',
    ],
  },
  {
    id: 'rollup',
    title: 'All your clients at a glance',
    kinds: ['support'],
    body: [
      'Your own Dashboard, Pro Audio and Video lists, Servers, Alerts and History take in every client’s devices and events, each row naming its organization. Nothing to switch: this is the view of your support organization.',
      '“Clients by health” on the Dashboard puts the clients with the most devices Down, then with issues, first. Click a client, or its Down or Issues count, to open the device list filtered to it.',
      'Each client sees only its own devices and events, never another client’s.',
    ],
  },
  {
    id: 'usage',
    title: 'Usage',
    kinds: ['support', 'client'],
    screens: ['/usage'],
    body: [
      'Usage shows the devices monitored per UTC day, Pro Audio and Video: the peak and the device-days (devices × hours ÷ 24). A month’s average is its device-days divided by its days.',
      'Overflowed devices do not count. Plan changes of the month are listed below the table; “Download CSV” saves the month.',
      'A support organization sees each client’s usage from Organizations.',
    ],
  },
  {
    id: 'invoices',
    title: 'Invoices',
    kinds: ['support'],
    needs: 'billing.read',
    screens: ['/invoices'],
    body: [
      'Billing settings hold your prices per Pro Audio and Video device (per month or per year), a minimum per invoice, tax, payment terms, numbering and reminders.',
      'Drafts are made from each client’s usage for a month, by hand or on the 2nd of the next month. Review and edit a draft, then issue it: it gets its number and is emailed to the client’s billing contact with its PDF, in the contact’s language.',
      'Mark invoices paid; overdue ones get the reminders you set. A voided invoice keeps its number and gets no reminder.',
    ],
  },
  {
    id: 'license',
    title: 'Enterprise license',
    kinds: ['enterprise'],
    body: [
      'Without a license the enterprise edition monitors up to 5 devices. Settings › Subscription and License › choose the license file to unlock its capacity.',
      'A license file is signed; an edited or expired file is refused with the reason.',
      'From 30 days before the license expires, Owners and Administrators see a banner with the days left. After its expiry the license keeps its devices for a grace period (14 days unless the hub is set otherwise); then the enterprise edition monitors 5 devices again.',
    ],
  },
  {
    id: 'operators',
    title: 'Operating the platform',
    kinds: ['platform'],
    screens: ['/system'],
    body: [
      'Organizations lists the support organizations (AV integrators). Add one with its licensed device pool and its owner’s email.',
      'Hub status shows the version, the database, the event bus and whether each dependency answers.',
      'Mail the hub cannot send (no SMTP configured) stays in the outbox: GET /api/v1/outbox.',
    ],
  },
  {
    id: 'languages',
    title: 'Languages',
    body: [
      'Crosspoint speaks English, French, Italian, Spanish, German, Portuguese, Polish, Chinese (Simplified), Korean, Japanese, Arabic and Russian. Choose yours in the header’s language menu or under Settings › My Account: the screens switch at once, and your emails and SMS use it too.',
      'Arabic reads right to left: the menu, tables and dialogs mirror.',
      'Help pages not yet translated into your language are shown in English, with a note saying so.',
    ],
  },
];

/**
 * The English words of a topic, or its translation into `language` from that language's `bodies`
 * (help-bodies.ts) when there is one.
 */
export function topicBody(
  topic: HelpTopic,
  language: string,
  bodies: HelpBodies,
): { body: string[]; translated: boolean } {
  const base = language.split('-')[0] ?? 'en';
  const translated = bodies[topic.id];
  if (base === 'en' || !translated) return { body: topic.body, translated: base === 'en' };
  return { body: translated, translated: true };
}

/** For each language of `translations` but English: the topics whose body is not translated yet. */
export function untranslatedTopics(translations: Record<string, HelpBodies>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(translations)
      .filter(([l]) => l !== 'en')
      .map(([l, bodies]) => [l, helpTopics.filter((t) => !bodies[t.id]).map((t) => t.id)]),
  );
}

/** The page the "?" of the screen at `pathname` opens: the topic naming the longest matching path. */
export function topicForPath(pathname: string): HelpTopic | undefined {
  let best: { topic: HelpTopic; length: number } | undefined;
  for (const topic of helpTopics) {
    for (const prefix of topic.screens ?? []) {
      const matches =
        prefix === '/'
          ? pathname === '/'
          : pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
      if (matches && (!best || prefix.length > best.length)) best = { topic, length: prefix.length };
    }
  }
  return best?.topic;
}

/**
 * Topics for this organization kind and these permissions, matching `search` in the title (as shown,
 * `titleOf`, and in English) or the text (English and, with `bodyOf`, the body as shown); title matches first.
 */
export function visibleTopics(
  kind: OrgKind | undefined,
  can: (p: Permission) => boolean,
  search: string,
  titleOf: (topic: HelpTopic) => string = (t) => t.title,
  bodyOf: (topic: HelpTopic) => string[] = (t) => t.body,
): HelpTopic[] {
  const q = search.trim().toLowerCase();
  const has = (texts: string[]) => texts.some((text) => text.toLowerCase().includes(q));
  const found = helpTopics.filter(
    (t) =>
      (!t.kinds || (kind !== undefined && t.kinds.includes(kind))) &&
      (!t.needs || can(t.needs)) &&
      (!q || has([titleOf(t), t.title, ...t.body, ...bodyOf(t)])),
  );
  if (!q) return found;
  // Pages whose title matches come first ("locate" → Toggling Device Locate Light).
  const inTitle = (t: HelpTopic) => has([titleOf(t), t.title]);
  return [...found.filter(inTitle), ...found.filter((t) => !inTitle(t))];
}

/** Which editions a topic concerns: the Enterprise edition is the `enterprise` organization kind. */
export function topicEditions(topic: HelpTopic): 'cloud' | 'enterprise' | 'both' {
  if (!topic.kinds) return 'both';
  const enterprise = topic.kinds.includes('enterprise');
  const onCloud = topic.kinds.some((k) => cloud.includes(k));
  return enterprise && onCloud ? 'both' : enterprise ? 'enterprise' : 'cloud';
}
