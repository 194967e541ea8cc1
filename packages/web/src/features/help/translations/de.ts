import type { HelpBodies } from '../help-bodies.ts';

/** The help pages' bodies in German, per topic id, paragraph for paragraph (topics.ts). */
const bodies: HelpBodies = {
  'monitoring-devices': [
    'Pro Audio listet die CONVERGE Pro 2, CONVERGE Huddle, BMA 360D und P-Link-Geräte (Erweiterungen, Mikrofone, DIALOG 20), die die Agents Ihrer Standorte gefunden haben; Video listet die COLLABORATE-Live-Geräte. Jede Zeile zeigt Status, Modell, Name, Seriennummer, Verbindungen (Subnetz › Stack › C-Link/P-Link), Standort, Firmware und Zugriffsadresse des Geräts.',
    'Die Status ändern sich live, solange „Live“ im Kopf steht: Ein Gerät, das nicht mehr antwortet, wird binnen einer Minute Ausgefallen und von selbst wieder Fehlerfrei, sobald es wieder antwortet.',
    'Öffnen Sie ein Gerät, um seine Daten, den Statusverlauf und die Aktionen zu sehen, die Ihre Rolle erlaubt. Ausgefallen, Probleme und Fehlerfrei im Dashboard öffnen diese Liste bereits gefiltert.',
  ],
  dashboard: [
    'Das Diagramm gruppiert die Geräte in Ausgefallen, Probleme und Fehlerfrei. Klicken Sie auf ein Segment oder seine Legende, um die Geräteliste danach gefiltert zu öffnen.',
    'Probleme sind alle Status, die weder Ausgefallen noch Fehlerfrei sind: Anmeldung fehlgeschlagen, ÜBERHITZUNG!, Stack unvollständig, VoIP-Registrierung fehlgeschlagen, Sicherheitsstummschaltung an, Ortungsleuchte an, Über Kontingent und die übrigen.',
    'Das Dashboard aktualisiert sich selbst, solange „Live“ im Kopf steht.',
  ],
  statuses: [
    'Ausgefallen: Das Gerät antwortet nicht im Netz. Prüfen Sie Stromversorgung und Kabel, dann das Subnetz des Agents.',
    'Anmeldung fehlgeschlagen: Das Gerät hat Benutzername und Passwort des Agents abgelehnt. Verwenden Sie auf der Geräteseite „Anmeldung ändern…“, damit der Agent und jede Box des Stacks dieselbe Anmeldung nutzen.',
    'Stack unvollständig / Stack passt nicht: Eine Box oder ein P-Link-Gerät des Stacks ist offline oder meldet einen anderen Stack-Namen.',
    'Sicherheitsstummschaltung an und Ortungsleuchte an sind Zustände, die jemand absichtlich gesetzt hat; schalten Sie sie über die Aktionen des Geräts aus, wenn die Arbeit erledigt ist.',
    'Über Kontingent: Die Organisation hat mehr Geräte, als ihr Serviceplan erlaubt; die neuesten werden als Über Kontingent gezeigt, bis der Plan wächst.',
    'Firmware wird aktualisiert, Startet neu..., Wird konfiguriert: Auf dem Gerät läuft ein Auftrag; es kommt von selbst zurück.',
  ],
  devices: [
    'Tippen Sie in das Suchfeld, um Namen, Seriennummern, Modelle, Adressen, Firmware und Verbindungen zu finden. Filter wirken zusammen mit der Suche.',
    'Klicken Sie auf einen Spaltentitel, um danach zu sortieren; ein weiterer Klick kehrt die Reihenfolge um. Die gewünschten Spalten wählen Sie unter „Spalten“.',
    '„CSV herunterladen“ speichert alle Geräte der aktuellen Ansicht (Suche, Filter, Spalten), nicht nur die sichtbaren Zeilen.',
  ],
  'selecting-devices': [
    'Kreuzen Sie das Kästchen am Zeilenanfang an, um ein Gerät auszuwählen, oder das im Spaltentitel, um alle Geräte auszuwählen, die die Liste (nach Suche und Filtern) zeigt.',
    'Die Auswahlleiste bietet dann, was mit allen zugleich möglich ist: einem Standort zuordnen oder eine Aktion wie Ortung, Sicherheitsstummschaltung oder ein Firmware-Update ausführen. Jedes Gerät wird ein Auftrag; die Leiste zeigt, wie viele fertig und wie viele fehlgeschlagen sind.',
    '„Auswahl aufheben“ leert sie. Eine Auswahl bleibt erhalten, während Sie sortieren oder blättern.',
  ],
  actions: [
    'Jede Aktion wird ein Auftrag: Sie sehen den Fortschritt live, und der Verlauf der Organisation hält fest, wer ihn gestartet hat.',
    'Neustart, VoIP-Neustart, das Laden einer Konfiguration und das Ändern der Anmeldung fragen nach: Das Gerät kann eine Weile nicht verfügbar sein.',
    'Ist der Agent des Geräts offline, wartet der Auftrag bis zu zwei Minuten auf ihn und schlägt dann mit einem klaren Grund fehl.',
  ],
  'locate-light': [
    'Die Ortungsleuchte lässt die Frontleuchten eines Geräts blinken, damit ein Techniker das richtige Gerät im Rack oder in der Decke findet.',
    'Wählen Sie auf der Geräteseite „Ortung an“; das Gerät zeigt Ortungsleuchte an, bis Sie „Ortung aus“ wählen. Sind in der Liste mehrere Geräte ausgewählt, schaltet die Auswahlleiste die Ortungsleuchte für alle ein oder aus.',
    'Ortungsleuchte an zählt im Dashboard zu den Problemen, damit eine vergessene Leuchte auffällt.',
  ],
  'device-credentials': [
    'Ein CONVERGE-Pro-2-Stack hat eine Anmeldung (Benutzername und Passwort) für alle seine Geräte. Der Agent nutzt sie für seine Sitzung; eine falsche zeigt Anmeldung fehlgeschlagen.',
    'Auf der Geräteseite setzt „Anmeldung ändern…“ einen neuen Benutzernamen und ein neues Passwort auf jedem Gerät des Stacks. Der Agent bewahrt das neue Passwort versiegelt auf seinem Server auf und meldet sich fortan damit an.',
    'Wurde die Anmeldung außerhalb von Crosspoint geändert, geben Sie die neue mit derselben Aktion ein, damit sich der Agent wieder anmelden kann.',
  ],
  'backup-config': [
    '„Konfiguration sichern“ auf der Geräteseite lässt den Agent die Projektdatei des Stacks (.PCCP2X) per FTP herunterladen und an den Hub senden. Dazu muss FTP auf dem Gerät eingeschaltet sein.',
    'Die Datei erscheint in den Ergebnissen des Auftrags: Administratoren und Eigentümer können sie herunterladen, da sie die Anmeldung des Stacks enthalten kann.',
    'Jede Sicherung, die sich von der vorigen unterscheidet, wird auch als Konfigurationsversion aufbewahrt (siehe Konfigurationsversionen), nächtliche Sicherungen eingeschlossen.',
  ],
  'restore-config': [
    'Unter Konfigurationsversionen auf der Geräteseite lädt „Wiederherstellen“ eine aufbewahrte Version zurück auf das Gerät; „Baseline wiederherstellen“ lädt die freigegebene.',
    'Vorher wird eine Sicherung erstellt, sodass die ersetzte Konfiguration nie verloren geht. Während des Ladens ist das Gerät nicht verfügbar, und der Ton kann aussetzen.',
    'Eine Version eines Modells lässt sich auch auf ein anderes Gerät desselben Modells wiederherstellen.',
  ],
  'load-config': [
    '„Konfiguration laden…“ lädt eine Projektdatei (.PCCP2X) von Ihrem Computer hoch und lädt sie auf das Gerät. Das Projekt ersetzt die gesamte Konfiguration: Stack-Name, Anmeldung, Makros und Einstellungen.',
    'Die Datei wird geprüft, bevor sie an den Agent geht; der Upload zeigt seinen Fortschritt. Vor dem Laden wird eine Sicherung erstellt und danach eine weitere.',
    'Während das Projekt lädt, kann der Ton aussetzen; wählen Sie einen ruhigen Moment.',
  ],
  ftp: [
    'Der CONVERGE Pro 2 überträgt Konfigurationsdateien und Protokolle per FTP. „FTP aktivieren“ und „FTP deaktivieren“ auf der Geräteseite schalten es für den ganzen Stack ein oder aus.',
    'Sicherungen, Wiederherstellungen und Protokoll-Downloads brauchen aktiviertes FTP; lassen Sie es sonst deaktiviert, wenn Ihre Netzwerkrichtlinie das verlangt.',
  ],
  'firmware-badges': [
    'Ist für das Modell eines Geräts ein neueres Firmware-Paket als seine Firmware veröffentlicht, zeigt die Spalte Firmware „Update verfügbar“ mit der Version, ebenso die Geräteseite.',
    'Der Hinweis kommt aus dem Firmware-Katalog: den Paketen des Plattformbetreibers, Ihrer Organisation und Ihrer Support-Organisation. Ein zurückgezogenes Paket gibt keinen Hinweis.',
    'Filtern Sie die Geräteliste nach der Spalte Firmware, um alle Geräte zu finden, die aktualisiert werden können.',
  ],
  'updating-firmware': [
    'Ein Gerät oder wenige: „Firmware aktualisieren…“ auf der Geräteseite oder in der Auswahlleiste lädt ein Image einmal hoch und schreibt es auf jedes Gerät. Jedes Gerät startet neu und ist einige Minuten nicht verfügbar: Schalten Sie es währenddessen nicht aus.',
    'Viele Geräte: Veröffentlichen Sie das Image unter Firmware › Katalog und starten Sie dann eine Kampagne (siehe Firmware-Kampagnen).',
    'Die Ergebnisse des Auftrags zeigen die Firmware vorher und nachher. Ein fehlgeschlagenes Update lässt das Gerät auf seiner alten Firmware und nennt den Grund.',
  ],
  'firmware-campaigns': [
    'Eine Kampagne verteilt ein Firmware-Paket auf viele Geräte: zuerst eine Pilotgruppe, dann in Wellen. Schwellenwerte entscheiden, ob es weitergeht: Schlagen zu viele Geräte einer Welle fehl, hält die Kampagne an.',
    'Eine Gesundheitsprüfung stellt sicher, dass die aktualisierten Geräte fehlerfrei zurückkommen, bevor die nächste Welle startet; Wartungsfenster begrenzen, wann Wellen laufen.',
    'Eine Kampagne kann vor dem Start die Freigabe durch eine zweite Person verlangen. Sie lässt sich pausieren, fortsetzen oder abbrechen; ihr Bericht listet jedes Gerät mit seinem Ergebnis und kann heruntergeladen werden.',
  ],
  'configuration-versions': [
    'Der Hub bewahrt jede Konfiguration auf, die ein Gerät je hatte: nächtliche Sicherungen, Sicherungen auf Anforderung sowie Sicherungen vor und nach jeder Änderung. Identischer Inhalt wird nur einmal gespeichert.',
    'Wählen Sie zwei Versionen und „Vergleichen“, um zu sehen, was sich geändert hat – bei einem CONVERGE-Pro-2-Projekt Einstellung für Einstellung.',
    'Legen Sie eine Version als Baseline fest, die Konfiguration, die Sie freigegeben haben. Hat das Gerät sie nicht mehr, sagt die Geräteseite das, und eine Alarmregel (Konfiguration abgewichen) kann Personen benachrichtigen; „Als neue Baseline übernehmen“ oder „Baseline wiederherstellen“ klärt es.',
  ],
  communications: [
    'Kommunikation umfasst die Telefonseite eines Geräts: die VoIP-Registrierung und die Dienste, die ein CONVERGE Pro 2 für Anrufe nutzt.',
    '„VoIP-Registrierungsstatus“ fragt das Gerät nach dem Zustand jeder Leitung; VoIP-Registrierung fehlgeschlagen bedeutet, dass eine Leitung nicht bei ihrem SIP-Server registriert ist. Prüfen Sie Server, Konto und Netzwerk und wählen Sie dann „VoIP neu starten“.',
    'VoIP-Neustart ausstehend erscheint nach Einstellungen, die einen VoIP-Neustart erfordern; Kommunikationsdienst ausgefallen bedeutet, dass der Kommunikationsdienst des Geräts angehalten hat: Starten Sie das Gerät neu.',
  ],
  'collaborate-link': [
    'COLLABORATE-Live-Videogeräte erscheinen unter Video, vom Agent gefunden wie die Pro-Audio-Geräte; dort stehen Status, Modell, Seriennummer und Firmware. Ein Codec, der seine COLLABORATE-Space-Registrierung verliert, zeigt Kommunikationsdienst ausgefallen.',
    'Einstellungen › Mein Konto › Verknüpfung mit COLLABORATE Space: „Mein Konto verknüpfen“ führt Sie zur Anmeldeseite von COLLABORATE Space; erlauben Sie dort den Zugriff, und Sie kommen verknüpft zurück. Crosspoint bewahrt den erteilten Zugriff versiegelt auf und erneuert ihn; „Verknüpfung meines Kontos lösen“ entfernt ihn. Bei einem lokal betriebenen COLLABORATE Space geben Sie zuerst dessen Adresse ein.',
    'Ein Eigentümer oder Administrator verknüpft auch die Organisation („Organisation verknüpfen“). Das Dashboard zeigt dann unter Videozusammenarbeit die Videogeräte nach Status, die COLLABORATE-Space-Benutzer nach Anwesenheit (online, beschäftigt, abwesend, offline), alle Lizenzen und die letzten Anrufe und Besprechungen, alle paar Sekunden aktualisiert. Antwortet COLLABORATE Space nicht, zeigt das Dashboard „COLLABORATE Space nicht erreichbar“, und der Rest funktioniert weiter.',
    'Ist Ihr eigenes verknüpftes COLLABORATE-Space-Konto dort Administrator, bietet Benutzer hinzufügen „Auch als COLLABORATE-Space-Benutzer anlegen“; der Dialog sagt für jede Person, ob es geklappt hat.',
  ],
  'locations-tree': [
    'Standorte zeigt Ihre Orte als Baum: Regionen, Standorte, Gebäude, Etagen und Räume. Der Pfeil vor einem Namen öffnet oder schließt, was darin liegt; eine Suche zeigt jeden Treffer mit seinem vollständigen Pfad.',
    'Die Gerätestandorte im Dashboard und der Standortfilter der Geräteliste nutzen denselben Baum: Ein Filter auf ein Gebäude schließt seine Etagen und Räume ein.',
  ],
  'managing-locations': [
    '„Standort hinzufügen“ legt einen Ort auf oberster Ebene an; „Darin hinzufügen“ in einer Zeile legt einen darin an. Bearbeiten Sie eine Zeile, um sie umzubenennen, ihre Art zu ändern oder sie im Baum zu verschieben.',
    'Ordnen Sie Geräte in der Geräteliste zu: auswählen, dann „Einem Standort zuordnen…“. Auch ein Serverkonto kann einen Standort haben, für die Geräte, die es mitbringt.',
    'Einen Ort zu löschen, der noch Orte oder Geräte enthält, wird abgelehnt: Verschieben Sie diese zuerst.',
  ],
  'pro-audio-subnet': [
    'Der Agent sucht Geräte in den Subnetzen, mit denen er gestartet wird (--subnets CIDR[:Port][@Schnittstelle], z. B. 192.168.10.0/24@eth0), und hält zu jedem gefundenen Gerät eine Sitzung.',
    'Auf der eigenen Webseite des Agents (http://localhost:8090 auf dem Standortserver, sofern nicht mit einem anderen --ui-port gestartet) listet Subnetze sie auf: Aktivieren oder deaktivieren Sie jedes einzeln, und „Jetzt suchen“ durchsucht sofort. Ein deaktiviertes Subnetz wird weder durchsucht noch abgefragt; seine Geräte erscheinen als Nicht überwacht, nicht als Ausgefallen.',
    'Die Ansicht Server des Hubs zeigt, wie viele Subnetze jedes Agents aktiviert sind.',
  ],
  servers: [
    'Server › Agent-Serverkonto hinzufügen: Wählen Sie einen Namen und ein Passwort (mindestens 8 Zeichen mit einem Buchstaben, einer Ziffer und einem Sonderzeichen).',
    'Starten Sie am Standort den Agent und geben Sie die Hub-Adresse, den Agent-Login des Kontos („Name@Code“: beim Anlegen des Kontos und in der Spalte Agent-Login der Serverliste gezeigt, jeweils mit Kopieren-Schaltfläche) und das Passwort ein. Siehe Downloads.',
    'Ein Server ist Verbunden, solange sein Agent die Verbindung hält; die Zahl seiner Geräte und seine aktivierten Subnetze stehen hier.',
  ],
  'monitoring-servers': [
    'Server listet die Agent-Serverkonten: ob jeder Agent Verbunden ist, sein Überwachungssystem (Aktiv, Problem, Aus), seine Version, Last, aktivierten Subnetze und wann er zuletzt gesehen wurde.',
    'Meldet die Überwachung eines Servers Problem, nennt sie die Probleme: fehlschlagende Subnetz-Suche, wachsender Puffer, Zeitabweichung, abgelehnte Zugangsdaten, hohe CPU- oder Speicherlast.',
    'Eine Alarmregel der Art „ein Server die Verbindung verliert oder seine Überwachung ein Problem hat“ meldet es per E-Mail, SMS oder Webhook.',
  ],
  'agent-install': [
    'Downloads bietet den Agent an: eine Datei für Linux oder Windows mit Node.js 20. Prüfen Sie ihren SHA-256 und installieren Sie sie als Dienst (systemd unter Linux, WinSW unter Windows), wie die Seite es zeigt.',
    'Der Agent verbindet sich nach außen zum Hub: Es ist keine eingehende Firewall-Regel nötig. Sein erstes Admin-Passwort steht in seinem Protokoll.',
    'Agents aktualisieren sich selbst vom Hub, wenn sie auf automatisch stehen; sonst zeigt Server „Update verfügbar“ mit einer Schaltfläche Aktualisieren.',
  ],
  'useful-links': [
    'Downloads: der Agent für Ihre Standorte und wie man ihn installiert. Hilfe: diese Seiten; durchsuchen Sie sie über das Feld im Kopf.',
    'Die API: Jede Ansicht baut auf ihr auf; ihre Beschreibung steht unter /api/docs auf diesem Hub, und API-Tokens (Einstellungen › API-Tokens) lassen Skripte sie nutzen.',
    'Hub-Status (Plattformbetreiber): Datenbank, Event-Bus und verbundene Agents auf einen Blick.',
  ],
  alerts: [
    'Eine Alarmregel sagt, was beobachtet wird (Gerätestatus, ein Server trennt sich, Plan überschritten oder beendet), wie lange vor der Meldung gewartet wird, wie oft wiederholt wird und über welche Kanäle: E-Mail, SMS, Webhook.',
    'Vorfälle listet, was gerade ausfällt; das Versandprotokoll zeigt jede gesendete, zurückgehaltene oder fehlgeschlagene Nachricht. Ein Wartungsfenster schaltet Alarme für eine Organisation, einen Standort oder ein Gerät stumm.',
    'Jede Person wählt unter Einstellungen › Mein Konto, welche Alarme welcher Organisationen sie per E-Mail und SMS erreichen; die Nachrichten kommen in ihrer Sprache.',
  ],
  users: [
    'Eigentümer dürfen alles, auch andere Eigentümer verwalten. Administratoren verwalten Benutzer, Server, Standorte und Geräte. Beobachter sehen alles und ändern nichts.',
    'Benutzer › Benutzer hinzufügen lädt eine oder viele E-Mail-Adressen zugleich mit einer Rolle und einer Sprache ein. Eingeladene legen ihr Passwort über die E-Mail fest, die in der gewählten Sprache geschrieben ist.',
    'Mitglieder einer Support-Organisation handeln in deren Kundenorganisationen mit derselben Rolle.',
  ],
  'sign-in-ldap': [
    'Einstellungen › Anmeldung › LDAP / Active Directory bindet Ihr Verzeichnis an: seinen Server, das Bind-Konto, wo Personen gesucht werden und welche Gruppen welche Rolle geben.',
    'Personen melden sich dann auf der normalen Anmeldeseite als DOMÄNE\\Name oder Name@Domäne mit ihrem Verzeichnispasswort an; ihr Konto wird bei der ersten Anmeldung angelegt, und ihre Rolle folgt bei jeder Anmeldung ihren Gruppen.',
    '„Verbindung testen“ und „Benutzer testen“ prüfen die Einstellungen, bevor sich jemand darauf verlässt.',
  ],
  'sign-in-oidc': [
    'Einstellungen › Anmeldung › OpenID Connect fügt einen Anbieter hinzu (Microsoft Entra ID, Okta, Google Workspace, Keycloak…): seine Issuer-URL, Client-ID und Secret sowie Regeln von Claim-Werten zu Rollen.',
    'Registrieren Sie die dort gezeigte Redirect-URI beim Anbieter. Die Anmeldeseite bietet dann „Anmelden mit …“ an; ohne einen Claim-Wert, der eine Rolle gibt, kann sich niemand darüber anmelden.',
  ],
  'two-factor': [
    'Einstellungen › Mein Konto › Zwei-Faktor-Anmeldung ergänzt Ihr Passwort um einen 6-stelligen Code aus einer Authenticator-App. Bewahren Sie die nur einmal gezeigten Wiederherstellungscodes auf: Jeder meldet Sie einmal an, falls Ihr Telefon verloren geht.',
    'Eigentümer können die Zwei-Faktor-Anmeldung für alle Mitglieder verlangen (Einstellungen › Anmeldung). Ausgenommen sind Personen, die sich über einen OpenID-Anbieter anmelden: Der Anbieter fragt ihren zweiten Faktor ab.',
  ],
  'api-tokens': [
    'Einstellungen › API-Tokens erstellt ein Token für Skripte und Integrationen, mit einer Gültigkeit und auf Wunsch der Nur-Lese-Rolle Beobachter. Das Secret wird nur einmal gezeigt: Kopieren Sie es dann.',
    'Ein Token funktioniert nicht mehr, wenn es abläuft, wenn es widerrufen wird und sobald die Person, die es erstellt hat, die Organisation verlässt oder ihre Rolle verliert.',
  ],
  history: [
    'Verlauf zeichnet auf, wer was wann in der Organisation getan hat: Anmeldungen, Benutzer, Kundenorganisationen, Server, Standorte, API-Tokens, Lizenzänderungen und Geräteaktionen.',
    'Durchsuchen Sie ihn, filtern Sie nach Bereich und Datum; das Diagramm zeigt die Aktionen pro Tag für das Geladene.',
  ],
  clients: [
    'Organisationen › Kundenorganisation hinzufügen: Geben Sie den Namen und den ersten Eigentümer ein (empfohlen ist ein Mitglied Ihrer Organisation), dann den Serviceplan: die Zahl der Pro-Audio-Geräte aus Ihrem lizenzierten Gerätepool und die Daten.',
    'Prüfen und hinzufügen. Der Kunde zeigt Eingeladen, bis jemand darin arbeitet, Aktiv, solange sein Plan läuft, Abgelaufen nach dem Enddatum und Überschreitung, wenn er mehr Geräte hat als sein Plan.',
    'Mit Organisation wählen… arbeiten Sie mit Ihrem eigenen Konto in einem Kunden. „Freigeben“ in der Zeile eines Kunden beendet seine Betreuung: Er behält alles, und seine Eigentümer können ihn wieder einer Support-Organisation zuordnen.',
  ],
  rollup: [
    'Ihr eigenes Dashboard, die Listen Pro Audio und Video, Server, Alarme und Verlauf umfassen die Geräte und Ereignisse aller Kunden, jede Zeile mit ihrer Organisation. Nichts umzuschalten: Das ist die Ansicht Ihrer Support-Organisation.',
    '„Kunden nach Zustand“ im Dashboard stellt die Kunden mit den meisten ausgefallenen Geräten, dann die mit Problemen nach vorn. Klicken Sie auf einen Kunden oder seine Zahl Ausgefallen oder Probleme, um die Geräteliste auf ihn gefiltert zu öffnen.',
    'Jeder Kunde sieht nur seine eigenen Geräte und Ereignisse, nie die eines anderen Kunden.',
  ],
  usage: [
    'Nutzung zeigt die überwachten Geräte pro UTC-Tag, Pro Audio und Video: die Spitze und die Gerätetage (Geräte × Stunden ÷ 24). Der Durchschnitt eines Monats sind seine Gerätetage geteilt durch seine Tage.',
    'Geräte über Kontingent zählen nicht. Planänderungen des Monats stehen unter der Tabelle; „CSV herunterladen“ speichert den Monat.',
    'Eine Support-Organisation sieht die Nutzung jedes Kunden unter Organisationen.',
  ],
  invoices: [
    'Die Abrechnungseinstellungen enthalten Ihre Preise pro Pro-Audio- und Videogerät (pro Monat oder pro Jahr), ein Minimum pro Rechnung, Steuer, Zahlungsbedingungen, Nummerierung und Zahlungserinnerungen.',
    'Entwürfe entstehen aus der Nutzung jedes Kunden in einem Monat, von Hand oder am 2. des Folgemonats. Prüfen und bearbeiten Sie einen Entwurf und stellen Sie ihn dann: Er erhält seine Nummer und geht per E-Mail mit seinem PDF an den Rechnungskontakt des Kunden, in dessen Sprache.',
    'Markieren Sie Rechnungen als bezahlt; überfällige erhalten die eingestellten Erinnerungen. Eine stornierte Rechnung behält ihre Nummer und erhält keine Erinnerung.',
  ],
  license: [
    'Ohne Lizenz überwacht die Enterprise-Edition bis zu 5 Geräte. Wählen Sie unter Einstellungen › Abonnement und Lizenz die Lizenzdatei, um ihre Kapazität freizuschalten.',
    'Eine Lizenzdatei ist signiert; eine bearbeitete oder abgelaufene Datei wird mit Begründung abgelehnt.',
    'Ab 30 Tagen vor Ablauf der Lizenz sehen Eigentümer und Administratoren ein Banner mit den verbleibenden Tagen. Nach dem Ablauf behält die Lizenz ihre Geräte für eine Kulanzzeit (14 Tage, sofern der Hub nicht anders eingestellt ist); danach überwacht die Enterprise-Edition wieder 5 Geräte.',
  ],
  operators: [
    'Organisationen listet die Support-Organisationen (AV-Integratoren). Legen Sie eine mit ihrem lizenzierten Gerätepool und der E-Mail-Adresse ihres Eigentümers an.',
    'Hub-Status zeigt die Version, die Datenbank, den Event-Bus und ob jede Abhängigkeit antwortet.',
    'E-Mails, die der Hub nicht senden kann (kein SMTP konfiguriert), bleiben im Postausgang: GET /api/v1/outbox.',
  ],
  languages: [
    'Crosspoint spricht Englisch, Französisch, Italienisch, Spanisch, Deutsch, Portugiesisch, Polnisch, Chinesisch (vereinfacht), Koreanisch, Japanisch, Arabisch und Russisch. Wählen Sie Ihre Sprache im Sprachmenü im Kopf oder unter Einstellungen › Mein Konto: Die Ansichten wechseln sofort, und auch Ihre E-Mails und SMS kommen in dieser Sprache.',
    'Arabisch liest sich von rechts nach links: Menü, Tabellen und Dialoge werden gespiegelt.',
    'Hilfeseiten, die noch nicht in Ihre Sprache übersetzt sind, erscheinen auf Englisch, mit einem Hinweis darauf.',
  ],
};

export default bodies;
