import { describe, expect, it } from 'vitest';
import { can, roles, type Permission } from '@crosspoint/protocol';
import en from '../../i18n/en.json';
import { uiLanguages } from '../../i18n/i18n.ts';
import {
  helpTopics,
  topicBody,
  topicEditions,
  topicForPath,
  untranslatedTopics,
  visibleTopics,
} from './topics.ts';
import type { HelpBodies } from './help-bodies.ts';
import ar from './translations/ar.ts';
import de from './translations/de.ts';
import es from './translations/es.ts';
import fr from './translations/fr.ts';
import it_ from './translations/it.ts';
import ja from './translations/ja.ts';
import ko from './translations/ko.ts';
import pl from './translations/pl.ts';
import pt from './translations/pt.ts';
import ru from './translations/ru.ts';
import zh from './translations/zh.ts';

/** Every language's bodies, imported at once here (the app loads only the one being read). */
const helpTranslations: Record<string, HelpBodies> = { fr, it: it_, es, de, pt, pl, zh, ko, ja, ar, ru };

const owner = (p: Permission) => can('owner', p);
const monitor = (p: Permission) => can('monitor', p);

describe('help pages', () => {
  it('answers every page the vendor’s guides point to', () => {
    const guides = [
      'Monitoring ClearOne Devices',
      'Monitoring Servers',
      'Useful Links',
      'Adding a Pro Audio Subnet',
      'Selecting Devices',
      'Changing a Device’s Username and Password',
      'Backing Up Device Configuration',
      'Enabling and Disabling FTP',
      'Device Locations Tree Table',
      'Managing Device Locations',
      'Toggling Device Locate Light',
      'Firmware Update Badges',
      'Updating Firmware',
      'Restoring Device Configuration',
      'Loading Device Configuration',
      'Linking to COLLABORATE Space Administrator',
      'Communications',
    ];
    const titles = helpTopics.map((t) => t.title);
    expect(guides.filter((g) => !titles.includes(g))).toEqual([]);
  });

  it('has a page for each feature of the product', () => {
    const ids = helpTopics.map((t) => t.id);
    for (const id of ['alerts', 'invoices', 'usage', 'users', 'sign-in-ldap', 'sign-in-oidc', 'two-factor']) {
      expect(ids).toContain(id);
    }
    for (const id of [
      'agent-install',
      'managing-locations',
      'api-tokens',
      'firmware-campaigns',
      'configuration-versions',
    ]) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('titles each page in the English catalog as in topics.ts, with a body', () => {
    const titles = en.help.topics as Record<string, string>;
    for (const t of helpTopics) {
      expect(titles[t.id], t.id).toBe(t.title);
      expect(t.body.length, t.id).toBeGreaterThan(0);
    }
  });

  it('shows a page only where it applies: edition, organization kind, role', () => {
    const ids = (kind: Parameters<typeof visibleTopics>[0], who: (p: Permission) => boolean) =>
      visibleTopics(kind, who, '').map((t) => t.id);
    expect(ids('client', owner)).not.toContain('license');
    expect(ids('enterprise', owner)).toContain('license');
    expect(ids('client', owner)).not.toContain('invoices');
    expect(ids('support', owner)).toContain('invoices');
    expect(ids('client', monitor)).not.toContain('locate-light');
    expect(ids('client', owner)).toContain('locate-light');
    const license = helpTopics.find((t) => t.id === 'license');
    expect(license && topicEditions(license)).toBe('enterprise');
    const ldap = helpTopics.find((t) => t.id === 'sign-in-ldap');
    expect(roles.filter((r) => ldap?.needs && can(r, ldap.needs))).toEqual(['owner', 'administrator']);
  });

  it('finds the locate-light page when searching “locate”', () => {
    const found = visibleTopics('client', owner, 'locate').map((t) => t.id);
    expect(found[0]).toBe('locate-light'); // its title first…
    expect(found).toContain('statuses'); // …then the pages that mention it.
  });

  it('opens the page about each screen from its “?”', () => {
    expect(topicForPath('/devices')?.id).toBe('monitoring-devices');
    expect(topicForPath('/devices/0f3c')?.id).toBe('actions');
    expect(topicForPath('/')?.id).toBe('dashboard');
    expect(topicForPath('/alerts')?.id).toBe('alerts');
    expect(topicForPath('/firmware/campaigns/12')?.id).toBe('firmware-campaigns');
    expect(topicForPath('/devicesX')).toBeUndefined();
  });

  it('translates a body paragraph for paragraph, and falls back to English with the fact said', () => {
    for (const [lng, pages] of Object.entries(helpTranslations)) {
      expect(uiLanguages as readonly string[]).toContain(lng);
      for (const [id, body] of Object.entries(pages)) {
        const topic = helpTopics.find((t) => t.id === id);
        expect(topic, `${lng}: ${id}`).toBeDefined();
        expect(body.length, `${lng}: ${id}`).toBe(topic?.body.length);
      }
    }
    const locate = helpTopics.find((t) => t.id === 'locate-light');
    const invoices = helpTopics.find((t) => t.id === 'invoices');
    if (!locate || !invoices) throw new Error('missing topics');
    expect(topicBody(locate, 'fr', fr).translated).toBe(true);
    expect(topicBody(locate, 'fr', {})).toEqual({ body: locate.body, translated: false });
    expect(topicBody(invoices, 'en-GB', {}).translated).toBe(true);
  });

  it('has every page translated in every language, none left in English', () => {
    const missing = untranslatedTopics(helpTranslations);
    const others = uiLanguages.filter((l) => l !== 'en');
    expect(missing).toEqual(Object.fromEntries(others.map((l) => [l, []])));
    for (const [lng, pages] of Object.entries(helpTranslations)) {
      for (const topic of helpTopics) {
        const copied = pages[topic.id]?.filter((p, i) => p === topic.body[i]);
        expect(copied, `${lng}: ${topic.id} has English paragraphs`).toEqual([]);
      }
    }
  });
});
