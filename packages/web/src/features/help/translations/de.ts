import type { HelpBodies } from '../help-bodies.ts';

/** The help pages' bodies in German, per topic id, paragraph for paragraph (topics.ts). */
const bodies: HelpBodies = {
  servers: [
    'Server › Agent-Serverkonto hinzufügen: Wählen Sie einen Namen und ein Passwort (mindestens 8 Zeichen mit einem Buchstaben, einer Ziffer und einem Sonderzeichen).',
    'Starten Sie am Standort den Agent und geben Sie die Hub-Adresse, den Agent-Login des Kontos („Name@Code“: beim Anlegen des Kontos und in der Spalte Agent-Login der Serverliste gezeigt, jeweils mit Kopieren-Schaltfläche) und das Passwort ein. Siehe Downloads.',
    'Ein Server ist Verbunden, solange sein Agent die Verbindung hält; die Zahl seiner Geräte und seine aktivierten Subnetze stehen hier.',
  ],
  'agent-install': [
    'Downloads bietet den Agent an: eine Datei für Linux oder Windows mit Node.js 20. Prüfen Sie ihren SHA-256 und installieren Sie sie als Dienst (systemd unter Linux, WinSW unter Windows), wie die Seite es zeigt.',
    'Der Agent verbindet sich nach außen zum Hub: Es ist keine eingehende Firewall-Regel nötig. Sein erstes Admin-Passwort steht in seinem Protokoll.',
    'Agents aktualisieren sich selbst vom Hub, wenn sie auf automatisch stehen; sonst zeigt Server „Update verfügbar“ mit einer Schaltfläche Aktualisieren.',
  ],
  'updating-firmware': [
    'Ein Gerät oder wenige: „Firmware aktualisieren…“ auf der Geräteseite oder in der Auswahlleiste lädt ein Image einmal hoch und schreibt es auf jedes Gerät. Jedes Gerät startet neu und ist einige Minuten nicht verfügbar: Schalten Sie es währenddessen nicht aus.',
    'Viele Geräte: Veröffentlichen Sie das Image unter Firmware › Katalog und starten Sie dann eine Kampagne (siehe Firmware-Kampagnen).',
    'Die Ergebnisse des Auftrags zeigen die Firmware vorher und nachher. Ein fehlgeschlagenes Update lässt das Gerät auf seiner alten Firmware und nennt den Grund.',
  ],
  'firmware-badges': [
    'Ist für das Modell eines Geräts ein neueres Firmware-Paket als seine Firmware veröffentlicht, zeigt die Spalte Firmware „Update verfügbar“ mit der Version, ebenso die Geräteseite.',
    'Der Hinweis kommt aus dem Firmware-Katalog: den Paketen des Plattformbetreibers, Ihrer Organisation und Ihrer Support-Organisation. Ein zurückgezogenes Paket gibt keinen Hinweis.',
    'Filtern Sie die Geräteliste nach der Spalte Firmware, um alle Geräte zu finden, die aktualisiert werden können.',
  ],
  'backup-config': [
    '„Konfiguration sichern“ auf der Geräteseite lässt den Agent die Projektdatei des Stacks (.PCCP2X) per FTP herunterladen und an den Hub senden. Dazu muss FTP auf dem Gerät eingeschaltet sein.',
    'Die Datei erscheint in den Ergebnissen des Auftrags: Administratoren und Eigentümer können sie herunterladen, da sie die Anmeldung des Stacks enthalten kann.',
    'Jede Sicherung, die sich von der vorigen unterscheidet, wird auch als Konfigurationsversion aufbewahrt (siehe Konfigurationsversionen), nächtliche Sicherungen eingeschlossen.',
  ],
  'managing-locations': [
    '„Standort hinzufügen“ legt einen Ort auf oberster Ebene an; „Darin hinzufügen“ in einer Zeile legt einen darin an. Bearbeiten Sie eine Zeile, um sie umzubenennen, ihre Art zu ändern oder sie im Baum zu verschieben.',
    'Ordnen Sie Geräte in der Geräteliste zu: auswählen, dann „Einem Standort zuordnen…“. Auch ein Serverkonto kann einen Standort haben, für die Geräte, die es mitbringt.',
    'Einen Ort zu löschen, der noch Orte oder Geräte enthält, wird abgelehnt: Verschieben Sie diese zuerst.',
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
  'monitoring-servers': [
    'Server listet die Agent-Serverkonten: ob jeder Agent Verbunden ist, sein Überwachungssystem (Aktiv, Issue, Off), seine Version, Last, aktivierten Subnetze und wann er zuletzt gesehen wurde.',
    'Meldet die Überwachung eines Servers Issue, nennt sie die Probleme: fehlschlagende Subnetz-Suche, wachsender Puffer, Zeitabweichung, abgelehnte Zugangsdaten, hohe CPU- oder Speicherlast.',
    'Eine Alarmregel der Art „ein Server trennt sich oder seine Überwachung hat ein Problem“ meldet es per E-Mail, SMS oder Webhook.',
  ],
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
};

export default bodies;
