/**
 * Help page bodies translated from English (topics.ts), per language and topic id, paragraph for
 * paragraph. A topic missing here is shown in English with a note; `untranslatedTopics` lists what
 * is missing (topics.test.ts prints it).
 */
export const helpTranslations: Record<string, Record<string, string[]>> = {
  fr: {
    'monitoring-devices': [
      'Pro Audio liste les CONVERGE Pro 2, CONVERGE Huddle, BMA 360D et appareils P-Link (extensions, microphones, DIALOG 20) trouvés par les agents de vos sites ; Vidéo liste les appareils COLLABORATE Live. Chaque ligne montre l’état de l’appareil, son modèle, son nom, son numéro de série, ses connexions (sous-réseau › pile › C-Link/P-Link), son emplacement, son micrologiciel et son adresse d’accès.',
      'Les états changent en direct tant que la mention « En direct » s’affiche dans l’en-tête : un appareil qui ne répond plus passe Hors service en moins d’une minute, et redevient Opérationnel de lui-même quand il répond à nouveau.',
      'Ouvrez un appareil pour voir ses informations, l’historique de ses états et les actions que votre rôle permet. Hors service, Problèmes et Opérationnel sur le tableau de bord ouvrent cette liste déjà filtrée.',
    ],
    'locate-light': [
      'Le voyant de localisation fait clignoter les voyants en façade d’un appareil pour qu’un technicien trouve le bon boîtier dans une baie ou un faux plafond.',
      'Sur la page de l’appareil, choisissez « Allumer la localisation » ; l’appareil affiche Voyant de localisation allumé jusqu’à ce que vous choisissiez « Éteindre la localisation ». Avec plusieurs appareils sélectionnés dans la liste, la barre de sélection allume ou éteint le voyant de tous.',
      'Voyant de localisation allumé compte parmi les Problèmes du tableau de bord : un voyant oublié ne passe pas inaperçu.',
    ],
    languages: [
      'Crosspoint parle anglais, français, italien, espagnol, allemand, portugais, polonais, chinois (simplifié), coréen, japonais, arabe et russe. Choisissez votre langue dans le menu de l’en-tête ou sous Paramètres › Mon compte : les écrans changent aussitôt, et vos e-mails et SMS l’utilisent aussi.',
      'L’arabe se lit de droite à gauche : le menu, les tableaux et les dialogues s’inversent.',
      'Les pages d’aide pas encore traduites dans votre langue s’affichent en anglais, avec une note qui le signale.',
    ],
  },
  de: {
    'monitoring-devices': [
      'Pro Audio listet die CONVERGE Pro 2, CONVERGE Huddle, BMA 360D und P-Link-Geräte (Erweiterungen, Mikrofone, DIALOG 20), die die Agents Ihrer Standorte gefunden haben; Video listet die COLLABORATE-Live-Geräte. Jede Zeile zeigt Status, Modell, Name, Seriennummer, Verbindungen (Subnetz › Stack › C-Link/P-Link), Standort, Firmware und Zugriffsadresse des Geräts.',
      'Die Status ändern sich live, solange „Live“ im Kopf steht: Ein Gerät, das nicht mehr antwortet, wird binnen einer Minute Ausgefallen und von selbst wieder Fehlerfrei, sobald es wieder antwortet.',
      'Öffnen Sie ein Gerät, um seine Daten, den Statusverlauf und die Aktionen zu sehen, die Ihre Rolle erlaubt. Ausgefallen, Probleme und Fehlerfrei im Dashboard öffnen diese Liste bereits gefiltert.',
    ],
    'locate-light': [
      'Die Ortungsleuchte lässt die Frontleuchten eines Geräts blinken, damit ein Techniker das richtige Gerät im Rack oder in der Decke findet.',
      'Wählen Sie auf der Geräteseite „Ortung an“; das Gerät zeigt Ortungsleuchte an, bis Sie „Ortung aus“ wählen. Sind in der Liste mehrere Geräte ausgewählt, schaltet die Auswahlleiste die Ortungsleuchte für alle ein oder aus.',
      'Ortungsleuchte an zählt im Dashboard zu den Problemen, damit eine vergessene Leuchte auffällt.',
    ],
    languages: [
      'Crosspoint spricht Englisch, Französisch, Italienisch, Spanisch, Deutsch, Portugiesisch, Polnisch, Chinesisch (vereinfacht), Koreanisch, Japanisch, Arabisch und Russisch. Wählen Sie Ihre Sprache im Sprachmenü im Kopf oder unter Einstellungen › Mein Konto: Die Ansichten wechseln sofort, und auch Ihre E-Mails und SMS kommen in dieser Sprache.',
      'Arabisch liest sich von rechts nach links: Menü, Tabellen und Dialoge werden gespiegelt.',
      'Hilfeseiten, die noch nicht in Ihre Sprache übersetzt sind, erscheinen auf Englisch, mit einem Hinweis darauf.',
    ],
  },
};
