import type { HelpBodies } from '../help-bodies.ts';

/** The help pages' bodies in Italian, per topic id, paragraph for paragraph (topics.ts). */
const bodies: HelpBodies = {
  'monitoring-devices': [
    'Pro Audio elenca i dispositivi CONVERGE Pro 2, CONVERGE Huddle, BMA 360D e P-Link (espansori, microfoni, DIALOG 20) trovati dagli agent delle tue sedi; Video elenca i dispositivi COLLABORATE Live. Ogni riga mostra lo stato del dispositivo, il modello, il nome, il numero di serie, le connessioni (subnet › stack › C-Link/P-Link), la posizione, il firmware e l’indirizzo di accesso.',
    'Gli stati cambiano in diretta finché nell’intestazione compare l’indicazione «In diretta»: un dispositivo che smette di rispondere diventa Non raggiungibile entro un minuto e torna da solo Funzionante quando risponde di nuovo.',
    'Apri un dispositivo per vederne i dati, la cronologia degli stati e le azioni consentite dal tuo ruolo. Non raggiungibili, Problemi e Funzionanti nella Dashboard aprono questo elenco già filtrato.',
  ],
  dashboard: [
    'Il grafico raggruppa i dispositivi in Non raggiungibili, Problemi e Funzionanti. Fai clic su uno spicchio o sulla sua legenda per aprire l’elenco dei dispositivi filtrato di conseguenza.',
    'I problemi sono tutti gli stati che non sono né Non raggiungibile né Funzionante: Accesso non riuscito, SURRISCALDAMENTO!, Stack incompleto, Registrazione VoIP non riuscita, Muto di sicurezza attivo, Luce di localizzazione accesa, Oltre il piano e gli altri.',
    'La dashboard si aggiorna da sola finché nell’intestazione compare l’indicazione «In diretta».',
  ],
  statuses: [
    'Non raggiungibile: il dispositivo non risponde in rete. Controlla l’alimentazione e il cavo, poi la subnet dell’agent.',
    'Accesso non riuscito: il dispositivo ha rifiutato il nome utente e la password dell’agent. Usa l’azione «Cambia credenziali…» nella pagina del dispositivo perché l’agent e ogni unità dello stack usino le stesse credenziali.',
    'Stack incompleto / Stack non corrispondente: un’unità o un dispositivo P-Link dello stack è offline, oppure riporta un altro nome di stack.',
    'Muto di sicurezza attivo e Luce di localizzazione accesa sono stati impostati volutamente da qualcuno; disattivali dalle azioni del dispositivo a lavoro finito.',
    'Oltre il piano: l’organizzazione ha più dispositivi di quanti ne consenta il suo piano di servizio; i più recenti sono mostrati come Oltre il piano finché il piano non aumenta.',
    'Aggiornamento firmware, Riavvio in corso..., Configurazione in corso: sul dispositivo è in esecuzione un job; il dispositivo torna disponibile da solo.',
  ],
  devices: [
    'Scrivi nella casella di ricerca per cercare tra nomi, numeri di serie, modelli, indirizzi, firmware e connessioni. I filtri si combinano con la ricerca.',
    'Fai clic sul titolo di una colonna per ordinare in base a essa; un altro clic inverte l’ordine. Scegli le colonne da mostrare in «Colonne».',
    '«Scarica CSV» salva tutti i dispositivi della vista corrente (ricerca, filtri, colonne), non solo le righe visibili sullo schermo.',
  ],
  'selecting-devices': [
    'Spunta la casella all’inizio di una riga per selezionare un dispositivo, oppure quella nel titolo della colonna per selezionare tutti i dispositivi mostrati dall’elenco (dopo ricerca e filtri).',
    'La barra di selezione offre allora ciò che si può fare su tutti insieme: assegnarli a una posizione oppure eseguire un’azione come la localizzazione, il muto di sicurezza o un aggiornamento del firmware. Ogni dispositivo diventa un job; la barra mostra quanti sono completati e quanti non sono riusciti.',
    '«Annulla selezione» la svuota. La selezione resta mentre ordini l’elenco o ne sfogli le pagine.',
  ],
  actions: [
    'Ogni azione diventa un job: ne vedi l’avanzamento in diretta, e la Cronologia dell’organizzazione registra chi l’ha eseguita.',
    'Riavvio, riavvio VoIP, caricamento di una configurazione e cambio delle credenziali chiedono conferma: il dispositivo può restare non disponibile per un po’.',
    'Se l’agent del dispositivo è offline, il job lo attende fino a due minuti, poi non riesce indicando chiaramente il motivo.',
  ],
  'locate-light': [
    'La luce di localizzazione fa lampeggiare le spie del pannello frontale di un dispositivo, così un tecnico trova l’unità giusta in un rack o in un controsoffitto.',
    'Nella pagina del dispositivo scegli «Localizza: accendi»; il dispositivo mostra Luce di localizzazione accesa finché non scegli «Localizza: spegni». Con più dispositivi selezionati nell’elenco, la barra di selezione accende o spegne la luce di localizzazione per tutti.',
    'Luce di localizzazione accesa rientra tra i Problemi della Dashboard, così una luce dimenticata accesa non passa inosservata.',
  ],
  'device-credentials': [
    'Uno stack CONVERGE Pro 2 ha un’unica coppia di credenziali (nome utente e password) per tutte le sue unità. L’agent le usa per la sua sessione; credenziali errate mostrano Accesso non riuscito.',
    'Nella pagina del dispositivo, «Cambia credenziali…» imposta un nuovo nome utente e una nuova password su ogni unità dello stack. L’agent conserva la nuova password cifrata sul suo server e da quel momento accede con essa.',
    'Se le credenziali sono state cambiate fuori da Crosspoint, inserisci quelle nuove con la stessa azione perché l’agent possa accedere di nuovo.',
  ],
  'backup-config': [
    '«Backup della configurazione» nella pagina del dispositivo chiede all’agent di scaricare il file di progetto dello stack (.PCCP2X) via FTP e di inviarlo all’hub. Per questo l’FTP deve essere attivo sul dispositivo.',
    'Il file compare nei risultati del job: Amministratori e Proprietari possono scaricarlo, perché può contenere le credenziali dello stack.',
    'Ogni backup diverso dal precedente viene conservato anche come versione di configurazione (vedi Versioni di configurazione), compresi i backup notturni.',
  ],
  'restore-config': [
    'In Versioni di configurazione, nella pagina del dispositivo, «Ripristina» ricarica sul dispositivo una versione conservata; «Ripristina la baseline» carica quella approvata.',
    'Prima viene eseguito un backup, così la configurazione sostituita non va mai persa. Durante il caricamento il dispositivo non è disponibile e l’audio può interrompersi.',
    'Una versione di un modello può essere ripristinata anche su un altro dispositivo dello stesso modello.',
  ],
  'load-config': [
    '«Carica configurazione…» carica un file di progetto (.PCCP2X) dal tuo computer e lo applica al dispositivo. Il progetto sostituisce l’intera configurazione: nome dello stack, credenziali, macro e impostazioni.',
    'Il file viene verificato prima di essere inviato all’agent; il caricamento mostra il suo avanzamento. Viene eseguito un backup prima del caricamento e un altro dopo.',
    'L’audio può interrompersi mentre il progetto viene caricato: scegli un momento tranquillo.',
  ],
  ftp: [
    'Il CONVERGE Pro 2 trasferisce file di configurazione e log via FTP. «Attiva FTP» e «Disattiva FTP» nella pagina del dispositivo lo attivano o disattivano sull’intero stack.',
    'Backup, ripristini e download dei log richiedono l’FTP attivo; per il resto lascialo disattivato se la politica della tua rete lo richiede.',
  ],
  'firmware-badges': [
    'Quando per il modello di un dispositivo viene pubblicato un pacchetto firmware più recente del suo, la colonna Firmware mostra «Aggiornamento disponibile» con la versione, e così la pagina del dispositivo.',
    'Il badge deriva dal catalogo firmware: i pacchetti dell’operatore della piattaforma, quelli della tua organizzazione e quelli della tua organizzazione di assistenza. Un pacchetto ritirato non genera alcun badge.',
    'Filtra l’elenco dei dispositivi sulla colonna Firmware per trovare tutti i dispositivi aggiornabili.',
  ],
  'updating-firmware': [
    'Uno o pochi dispositivi: «Aggiorna firmware…» nella pagina del dispositivo o nella barra di selezione carica un’immagine una sola volta e la scrive su ogni dispositivo. Ogni dispositivo si riavvia e resta non disponibile per qualche minuto: non spegnerlo nel frattempo.',
    'Molti dispositivi: pubblica l’immagine in Firmware › Catalogo, poi avvia una campagna (vedi Campagne firmware).',
    'I risultati del job mostrano il firmware prima e dopo. Un aggiornamento non riuscito lascia il dispositivo sul firmware precedente e ne indica il motivo.',
  ],
  'firmware-campaigns': [
    'Una campagna distribuisce un pacchetto firmware a molti dispositivi: prima un gruppo pilota, poi a ondate. Delle soglie decidono se prosegue: se troppi dispositivi di un’ondata non riescono, la campagna si ferma.',
    'Una verifica di stato controlla che i dispositivi aggiornati tornino funzionanti prima dell’ondata successiva; le finestre di manutenzione limitano quando le ondate vengono eseguite.',
    'Una campagna può richiedere l’approvazione di una seconda persona prima di partire. Può essere sospesa, ripresa o annullata; il suo report elenca ogni dispositivo con il risultato e può essere scaricato.',
  ],
  'configuration-versions': [
    'L’hub conserva ogni configurazione che un dispositivo ha avuto: backup notturni, backup su richiesta e backup prima e dopo ogni modifica. Un contenuto identico viene conservato una sola volta.',
    'Scegli due versioni e «Confronta» per vedere cosa è cambiato, impostazione per impostazione per un progetto CONVERGE Pro 2.',
    'Imposta una versione come baseline, la configurazione che hai approvato. Quando il dispositivo non la ha più, la pagina del dispositivo lo segnala e una regola di avviso (configurazione divergente) può avvisare le persone; «Accetta come nuova baseline» o «Ripristina la baseline» risolve la situazione.',
  ],
  communications: [
    'Comunicazioni riguarda la parte telefonica di un dispositivo: la registrazione VoIP e i servizi che un CONVERGE Pro 2 usa per effettuare chiamate.',
    '«Stato della registrazione VoIP» chiede al dispositivo lo stato di ogni linea; Registrazione VoIP non riuscita significa che una linea non è registrata presso il suo server SIP. Controlla il server, l’account e la rete, poi usa «Riavvia VoIP».',
    'Riavvio VoIP in sospeso compare dopo impostazioni che richiedono un riavvio VoIP; Servizio di comunicazione non riuscito significa che il servizio di comunicazione del dispositivo si è fermato: riavvia il dispositivo.',
  ],
  'collaborate-link': [
    'I dispositivi video COLLABORATE Live compaiono in Video, trovati dall’agent come i dispositivi Pro Audio; lì si vedono stato, modello, numero di serie e firmware. Un codec che perde la registrazione a COLLABORATE Space mostra Servizio di comunicazione non riuscito.',
    'Impostazioni › Il mio account › Collegamento a COLLABORATE Space: «Collega il mio account» ti porta alla pagina di accesso di COLLABORATE Space; autorizza lì l’accesso e torni con l’account collegato. Crosspoint conserva cifrato l’accesso ricevuto e lo rinnova; «Scollega il mio account» lo rimuove. Per un COLLABORATE Space on-premises, inserisci prima il suo indirizzo.',
    'Un Proprietario o un Amministratore collega anche l’organizzazione («Collega l’organizzazione»). La Dashboard mostra allora, in Collaborazione video, i dispositivi video per stato, gli utenti COLLABORATE Space per presenza (online, occupato, assente, offline), tutte le licenze e le ultime chiamate e riunioni, aggiornati ogni pochi secondi. Quando COLLABORATE Space non risponde, la Dashboard indica «COLLABORATE Space non raggiungibile» e il resto continua a funzionare.',
    'Quando il tuo account COLLABORATE Space collegato è amministratore lì, Aggiungi utenti offre «Crea anche come utenti COLLABORATE Space»; la finestra di dialogo indica per ogni persona se l’operazione è riuscita.',
  ],
  'locations-tree': [
    'Posizioni mostra i tuoi luoghi come un albero: regioni, sedi, edifici, piani e sale. La freccia davanti a un nome apre o chiude ciò che contiene; una ricerca mostra ogni risultato con il percorso completo.',
    'Le posizioni dei dispositivi nella Dashboard e il filtro per posizione dell’elenco dei dispositivi usano lo stesso albero: filtrare su un edificio include i suoi piani e le sue sale.',
  ],
  'managing-locations': [
    '«Aggiungi posizione» crea un luogo al primo livello; «Aggiungi all’interno» su una riga ne crea uno al suo interno. Modifica una riga per rinominarla, cambiarne il tipo o spostarla altrove nell’albero.',
    'Assegna i dispositivi dall’elenco dei dispositivi: selezionali, poi «Assegna a posizione…». Anche un account server può avere una posizione, per i dispositivi che porta.',
    'L’eliminazione di un luogo che contiene ancora luoghi o dispositivi viene rifiutata: spostali prima.',
  ],
  'pro-audio-subnet': [
    'L’agent cerca i dispositivi nelle subnet con cui viene avviato (--subnets CIDR[:porta][@interfaccia], per es. 192.168.10.0/24@eth0) e mantiene una sessione con ogni dispositivo che trova.',
    'Nella pagina web dell’agent stesso (http://localhost:8090 sul server della sede, salvo avvio con un altro --ui-port), Subnet le elenca: attiva o disattiva ciascuna, e «Rileva ora» esegue subito una scansione. Una subnet disattivata non viene né scansionata né interrogata; i suoi dispositivi risultano Non monitorato, non Non raggiungibile.',
    'La schermata Server dell’hub mostra quante subnet di ogni agent sono attive.',
  ],
  servers: [
    'Server › Aggiungi account server agent: scegli un nome e una password (almeno 8 caratteri con una lettera, una cifra e un carattere speciale).',
    'Nella sede, avvia l’agent e inserisci l’indirizzo dell’hub, il login dell’agent dell’account («Nome@codice»: mostrato quando l’account viene aggiunto e nella colonna Login dell’agent dell’elenco dei server, ciascuno con un pulsante Copia) e la password. Vedi Download.',
    'Un server è Connesso finché il suo agent mantiene il collegamento; qui si vedono il numero dei suoi dispositivi e le subnet attive.',
  ],
  'monitoring-servers': [
    'Server elenca gli account server agent: se ogni agent è Connesso, il suo sistema di monitoraggio (Attivo, Problema, Spento), la versione, il carico, le subnet attive e quando è stato visto l’ultima volta.',
    'Un server il cui monitoraggio segnala Problema indica quali sono i problemi: una scansione di subnet che non riesce, un buffer che cresce, uno scarto dell’orologio, credenziali rifiutate, CPU o memoria elevate.',
    'Una regola di avviso del tipo «un server si disconnette o il suo monitoraggio ha un problema» avvisa le persone via e-mail, SMS o webhook.',
  ],
  'agent-install': [
    'Download offre l’agent: un file per Linux o Windows con Node.js 20. Verificane lo SHA-256, poi installalo come servizio (systemd su Linux, WinSW su Windows) come indicato nella pagina.',
    'L’agent si connette in uscita verso l’hub: non serve alcuna regola firewall in ingresso. La sua prima password di amministratore si trova nel suo log.',
    'Gli agent si aggiornano da soli dall’hub se impostati in automatico; altrimenti Server mostra «Aggiornamento disponibile» con un pulsante Aggiorna.',
  ],
  'useful-links': [
    'Download: l’agent per le tue sedi e come installarlo. Guida: queste pagine; cercale dalla casella nell’intestazione.',
    'L’API: ogni schermata si basa su di essa; la sua descrizione è in /api/docs su questo hub, e i token API (Impostazioni › Token API) permettono agli script di usarla.',
    'Stato dell’hub (operatore della piattaforma): il database, il bus degli eventi e gli agent connessi a colpo d’occhio.',
  ],
  alerts: [
    'Una regola di avviso dice cosa sorvegliare (stati dei dispositivi, un server che si disconnette, il piano superato o in scadenza), quanto attendere prima di avvisare, ogni quanto ripetere e su quali canali: e-mail, SMS, webhook.',
    'Incidenti elenca ciò che non funziona adesso; il Registro invii mostra ogni messaggio inviato, trattenuto o non riuscito. Una finestra di manutenzione silenzia gli avvisi di un’organizzazione, di una posizione o di un dispositivo.',
    'Ogni persona sceglie in Impostazioni › Il mio account quali avvisi di quali organizzazioni le arrivano via e-mail e SMS; i messaggi arrivano nella sua lingua.',
  ],
  users: [
    'I Proprietari possono fare tutto, compreso gestire altri Proprietari. Gli Amministratori gestiscono utenti, server, posizioni e dispositivi. Gli Osservatori possono vedere tutto e non modificano nulla.',
    'Utenti › Aggiungi utenti invita uno o più indirizzi e-mail insieme, con un ruolo e una lingua. L’utente invitato registra una password dall’e-mail, scritta nella lingua scelta.',
    'I membri di un’organizzazione di assistenza operano nelle sue organizzazioni clienti con lo stesso ruolo.',
  ],
  'sign-in-ldap': [
    'Impostazioni › Accesso › LDAP / Active Directory collega la tua directory: il server, l’account di bind, dove cercare le persone e quali gruppi danno quale ruolo.',
    'Le persone accedono poi dalla normale pagina di accesso come DOMINIO\\nome o nome@dominio con la password della directory; il loro account viene creato al primo accesso e il ruolo segue i loro gruppi a ogni accesso.',
    '«Verifica connessione» e «Verifica un utente» controllano le impostazioni prima che qualcuno ne dipenda.',
  ],
  'sign-in-oidc': [
    'Impostazioni › Accesso › OpenID Connect aggiunge un provider (Microsoft Entra ID, Okta, Google Workspace, Keycloak…): l’URL dell’issuer, l’ID client e il secret, e le regole che associano valori dei claim a ruoli.',
    'Registra presso il provider l’URI di reindirizzamento mostrato lì. La pagina di accesso offre quindi «Accedi con …»; senza un valore di claim che dia un ruolo, nessuno può accedere tramite esso.',
  ],
  'two-factor': [
    'Impostazioni › Il mio account › Accesso a due fattori aggiunge alla tua password un codice a 6 cifre da un’app di autenticazione. Conserva i codici di recupero, mostrati una sola volta: ciascuno ti fa accedere una volta se perdi il telefono.',
    'I Proprietari possono richiedere l’accesso a due fattori a tutti i membri (Impostazioni › Accesso). Fanno eccezione le persone che accedono tramite un provider OpenID: è il provider a chiedere il loro secondo fattore.',
  ],
  'api-tokens': [
    'Impostazioni › Token API crea un token per script e integrazioni, con una validità e, se vuoi, il ruolo Osservatore in sola lettura. Il secret viene mostrato una sola volta: copialo in quel momento.',
    'Un token smette di funzionare quando scade, quando viene revocato e non appena la persona che lo ha creato lascia l’organizzazione o perde il suo ruolo.',
  ],
  history: [
    'Cronologia registra chi ha fatto cosa e quando nell’organizzazione: accessi, utenti, organizzazioni clienti, server, posizioni, token API, modifiche di licenza e azioni sui dispositivi.',
    'Cerca e filtra per area e date; il grafico mostra le azioni al giorno di ciò che è caricato.',
  ],
  clients: [
    'Organizzazioni › Aggiungi organizzazione cliente: inserisci il nome e il proprietario iniziale (consigliato un membro della tua organizzazione), poi il piano di servizio: il numero di dispositivi Pro Audio dal tuo pool di dispositivi in licenza e le date.',
    'Verifica e aggiungi. Il cliente risulta Invitato finché qualcuno non vi lavora, Attivo mentre il suo piano è in corso, Scaduto dopo la data di fine e Superamento quando ha più dispositivi di quanti ne preveda il piano.',
    'Usa Scegli organizzazione… per lavorare in un cliente con il tuo account. «Rilascia» sulla riga di un cliente smette di seguirlo: il cliente conserva tutto e i suoi Proprietari possono collegarlo di nuovo a un’organizzazione di assistenza.',
  ],
  rollup: [
    'La tua Dashboard, gli elenchi Pro Audio e Video, Server, Avvisi e Cronologia comprendono i dispositivi e gli eventi di tutti i clienti, e ogni riga ne indica l’organizzazione. Non c’è nulla da cambiare: questa è la vista della tua organizzazione di assistenza.',
    '«Clienti per stato» nella Dashboard mette per primi i clienti con più dispositivi Non raggiungibili, poi quelli con problemi. Fai clic su un cliente, o sul suo numero di Non raggiungibili o di Problemi, per aprire l’elenco dei dispositivi filtrato su di esso.',
    'Ogni cliente vede solo i propri dispositivi ed eventi, mai quelli di un altro cliente.',
  ],
  usage: [
    'Utilizzo mostra i dispositivi monitorati per giorno UTC, Pro Audio e Video: il picco e i giorni-dispositivo (dispositivi × ore ÷ 24). La media di un mese è data dai suoi giorni-dispositivo divisi per i suoi giorni.',
    'I dispositivi oltre il piano non contano. Le modifiche di piano del mese sono elencate sotto la tabella; «Scarica CSV» salva il mese.',
    'Un’organizzazione di assistenza vede l’utilizzo di ogni cliente da Organizzazioni.',
  ],
  invoices: [
    'Le impostazioni di fatturazione contengono i tuoi prezzi per dispositivo Pro Audio e Video (al mese o all’anno), un minimo per fattura, le imposte, i termini di pagamento, la numerazione e i solleciti.',
    'Le bozze vengono create dall’utilizzo di ogni cliente in un mese, a mano oppure il 2 del mese successivo. Verifica e modifica una bozza, poi emettila: riceve il suo numero e viene inviata via e-mail al referente per la fatturazione del cliente con il suo PDF, nella lingua del referente.',
    'Segna le fatture come pagate; quelle scadute ricevono i solleciti impostati. Una fattura annullata conserva il suo numero e non riceve solleciti.',
  ],
  license: [
    'Senza licenza, l’edizione Enterprise monitora fino a 5 dispositivi. In Impostazioni › Abbonamento e licenza scegli il file di licenza per sbloccarne la capacità.',
    'Un file di licenza è firmato; un file modificato o scaduto viene rifiutato con il motivo.',
    'A partire da 30 giorni prima della scadenza della licenza, Proprietari e Amministratori vedono un banner con i giorni rimanenti. Dopo la scadenza, la licenza mantiene i suoi dispositivi per un periodo di tolleranza (14 giorni, salvo diversa impostazione dell’hub); poi l’edizione Enterprise torna a monitorare 5 dispositivi.',
  ],
  operators: [
    'Organizzazioni elenca le organizzazioni di assistenza (integratori AV). Aggiungine una con il suo pool di dispositivi in licenza e l’e-mail del suo proprietario.',
    'Stato dell’hub mostra la versione, il database, il bus degli eventi e se ogni dipendenza risponde.',
    'La posta che l’hub non può inviare (nessun SMTP configurato) resta nella posta in uscita: GET /api/v1/outbox.',
  ],
  languages: [
    'Crosspoint parla inglese, francese, italiano, spagnolo, tedesco, portoghese, polacco, cinese (semplificato), coreano, giapponese, arabo e russo. Scegli la tua lingua nel menu delle lingue dell’intestazione o in Impostazioni › Il mio account: le schermate cambiano subito, e anche le tue e-mail e i tuoi SMS la usano.',
    'L’arabo si legge da destra a sinistra: menu, tabelle e finestre di dialogo sono speculari.',
    'Le pagine della guida non ancora tradotte nella tua lingua sono mostrate in inglese, con una nota che lo segnala.',
  ],
};

export default bodies;
