import type { HelpBodies } from '../help-bodies.ts';

/** The help pages' bodies in French, per topic id, paragraph for paragraph (topics.ts). */
const bodies: HelpBodies = {
  'monitoring-devices': [
    'Pro Audio liste les CONVERGE Pro 2, CONVERGE Huddle, BMA 360D et appareils P-Link (extensions, microphones, DIALOG 20) trouvés par les agents de vos sites ; Vidéo liste les appareils COLLABORATE Live. Chaque ligne montre l’état de l’appareil, son modèle, son nom, son numéro de série, ses connexions (sous-réseau › pile › C-Link/P-Link), son emplacement, son micrologiciel et son adresse d’accès.',
    'Les états changent en direct tant que la mention « En direct » s’affiche dans l’en-tête : un appareil qui ne répond plus passe Hors service en moins d’une minute, et redevient Opérationnel de lui-même quand il répond à nouveau.',
    'Ouvrez un appareil pour voir ses informations, l’historique de ses états et les actions que votre rôle permet. Hors service, Problèmes et Opérationnel sur le tableau de bord ouvrent cette liste déjà filtrée.',
  ],
  dashboard: [
    'Le graphique regroupe les appareils en Hors service, Problèmes et Opérationnel. Cliquez sur une part ou sur sa légende pour ouvrir la liste des appareils filtrée sur elle.',
    'Les Problèmes sont tous les états ni Hors service ni Opérationnel : Échec de connexion, SURCHAUFFE !, Pile incomplète, Échec de l’enregistrement VoIP, Sourdine de sécurité active, Voyant de localisation allumé, Hors forfait et les autres.',
    'Le tableau de bord change de lui-même tant que la mention « En direct » s’affiche dans l’en-tête.',
  ],
  statuses: [
    'Hors service : l’appareil ne répond pas sur le réseau. Vérifiez son alimentation et son câble, puis le sous-réseau de l’agent.',
    'Échec de connexion : l’appareil a refusé l’identifiant et le mot de passe de l’agent. Utilisez l’action « Changer l’identifiant… » sur la page de l’appareil pour que l’agent et chaque boîtier de la pile utilisent le même identifiant.',
    'Pile incomplète / Pile incohérente : un boîtier ou un appareil P-Link de la pile est hors ligne, ou annonce un autre nom de pile.',
    'Sourdine de sécurité active et Voyant de localisation allumé sont des états que quelqu’un a mis exprès ; désactivez-les depuis les actions de l’appareil une fois le travail terminé.',
    'Hors forfait : l’organisation a plus d’appareils que son forfait de service n’en permet ; les plus récents sont affichés Hors forfait jusqu’à ce que le forfait augmente.',
    'Mise à jour du micrologiciel, Redémarrage..., Configuration en cours : une tâche s’exécute sur l’appareil ; il revient de lui-même.',
  ],
  devices: [
    'Tapez dans le champ de recherche pour trouver noms, numéros de série, modèles, adresses, micrologiciels et connexions. Les filtres se combinent avec la recherche.',
    'Cliquez sur un titre de colonne pour trier ; cliquez à nouveau pour inverser. Choisissez les colonnes voulues sous « Colonnes ».',
    '« Télécharger en CSV » enregistre tous les appareils de la vue actuelle (recherche, filtres, colonnes), pas seulement les lignes à l’écran.',
  ],
  'selecting-devices': [
    'Cochez la case en début de ligne pour sélectionner un appareil, ou celle du titre de colonne pour sélectionner tous les appareils affichés par la liste (après recherche et filtres).',
    'La barre de sélection propose alors ce qui peut être fait sur tous à la fois : les affecter à un emplacement, ou lancer une action comme la localisation, la sourdine de sécurité ou une mise à jour du micrologiciel. Chaque appareil devient une tâche ; la barre indique combien sont terminées et combien ont échoué.',
    '« Effacer la sélection » la vide. Une sélection est conservée pendant que vous triez ou parcourez la liste.',
  ],
  actions: [
    'Chaque action devient une tâche : vous suivez sa progression en direct, et l’Historique de l’organisation note qui l’a lancée.',
    'Le redémarrage, le redémarrage VoIP, le chargement d’une configuration et le changement d’identifiant demandent confirmation : l’appareil peut être indisponible un moment.',
    'Si l’agent de l’appareil est hors ligne, la tâche l’attend jusqu’à deux minutes, puis échoue avec une raison claire.',
  ],
  'locate-light': [
    'Le voyant de localisation fait clignoter les voyants en façade d’un appareil pour qu’un technicien trouve le bon boîtier dans une baie ou un faux plafond.',
    'Sur la page de l’appareil, choisissez « Allumer la localisation » ; l’appareil affiche Voyant de localisation allumé jusqu’à ce que vous choisissiez « Éteindre la localisation ». Avec plusieurs appareils sélectionnés dans la liste, la barre de sélection allume ou éteint le voyant de tous.',
    'Voyant de localisation allumé compte parmi les Problèmes du tableau de bord : un voyant oublié ne passe pas inaperçu.',
  ],
  'device-credentials': [
    'Une pile CONVERGE Pro 2 a un seul identifiant (nom d’utilisateur et mot de passe) pour tous ses boîtiers. L’agent l’utilise pour sa session ; un identifiant erroné affiche Échec de connexion.',
    'Sur la page de l’appareil, « Changer l’identifiant… » définit un nouveau nom d’utilisateur et un nouveau mot de passe sur chaque boîtier de la pile. L’agent garde le nouveau mot de passe scellé sur son serveur et se connecte désormais avec.',
    'Si l’identifiant a été changé en dehors de Crosspoint, saisissez le nouveau avec la même action pour que l’agent puisse se reconnecter.',
  ],
  'backup-config': [
    '« Sauvegarder la configuration » sur la page de l’appareil demande à l’agent de télécharger le fichier de projet de la pile (.PCCP2X) par FTP et de l’envoyer au hub. FTP doit être activé sur l’appareil pour cela.',
    'Le fichier apparaît dans les résultats de la tâche : les Administrateurs et Propriétaires peuvent le télécharger, car il peut contenir l’identifiant de la pile.',
    'Chaque sauvegarde qui diffère de la précédente est aussi gardée comme version de configuration (voir Versions de configuration), sauvegardes nocturnes comprises.',
  ],
  'restore-config': [
    'Sous Versions de configuration, sur la page de l’appareil, « Restaurer » recharge une version conservée sur l’appareil ; « Restaurer la référence » charge la version approuvée.',
    'Une sauvegarde est faite d’abord, si bien que la configuration remplacée n’est jamais perdue. L’appareil est indisponible pendant le chargement, et l’audio peut s’interrompre.',
    'Une version d’un modèle peut aussi être restaurée sur un autre appareil du même modèle.',
  ],
  'load-config': [
    '« Charger une configuration… » envoie un fichier de projet (.PCCP2X) depuis votre ordinateur et le charge sur l’appareil. Le projet remplace toute la configuration : nom de la pile, identifiant, macros et réglages.',
    'Le fichier est vérifié avant d’être envoyé à l’agent ; l’envoi affiche sa progression. Une sauvegarde est faite avant le chargement, et une autre après.',
    'L’audio peut s’interrompre pendant le chargement du projet ; choisissez un moment calme.',
  ],
  ftp: [
    'Le CONVERGE Pro 2 transfère ses fichiers de configuration et ses journaux par FTP. « Activer le FTP » et « Désactiver le FTP » sur la page de l’appareil l’activent ou le désactivent sur toute la pile.',
    'Les sauvegardes, les restaurations et les téléchargements de journaux exigent le FTP activé ; laissez-le désactivé le reste du temps si la politique de votre réseau le demande.',
  ],
  'firmware-badges': [
    'Quand un paquet de micrologiciel plus récent que celui d’un appareil est publié pour son modèle, la colonne Micrologiciel affiche « Mise à jour disponible » avec la version, tout comme la page de l’appareil.',
    'Le badge vient du catalogue de micrologiciels : les paquets de l’opérateur de la plateforme, ceux de votre organisation et ceux de votre organisation de support. Un paquet retiré ne donne aucun badge.',
    'Filtrez la liste des appareils sur la colonne Micrologiciel pour trouver tous ceux qui peuvent être mis à jour.',
  ],
  'updating-firmware': [
    'Un appareil ou quelques-uns : « Mettre à jour le micrologiciel… » sur la page de l’appareil ou dans la barre de sélection envoie une image une fois et l’écrit sur chaque appareil. Chaque appareil redémarre et reste indisponible quelques minutes : ne l’éteignez pas pendant ce temps.',
    'Beaucoup d’appareils : publiez l’image dans Micrologiciel › Catalogue, puis lancez une campagne (voir Campagnes de micrologiciel).',
    'Les résultats de la tâche montrent le micrologiciel avant et après. Une mise à jour échouée laisse l’appareil sur son ancien micrologiciel et dit pourquoi.',
  ],
  'firmware-campaigns': [
    'Une campagne déploie un paquet de micrologiciel sur de nombreux appareils : un groupe pilote d’abord, puis par vagues. Des seuils décident de la suite : si trop d’appareils d’une vague échouent, la campagne s’arrête.',
    'Un contrôle de santé vérifie que les appareils mis à jour reviennent opérationnels avant la vague suivante ; les fenêtres de maintenance limitent les moments où les vagues s’exécutent.',
    'Une campagne peut exiger l’approbation d’une deuxième personne avant de démarrer. Elle peut être mise en pause, reprise ou annulée ; son rapport liste chaque appareil avec son résultat et peut être téléchargé.',
  ],
  'configuration-versions': [
    'Le hub conserve chaque configuration qu’un appareil a eue : sauvegardes nocturnes, sauvegardes à la demande, et sauvegardes avant et après chaque changement. Un contenu identique n’est gardé qu’une fois.',
    'Choisissez deux versions puis « Comparer » pour voir ce qui a changé, réglage par réglage pour un projet CONVERGE Pro 2.',
    'Définissez une version comme référence : la configuration que vous avez approuvée. Quand l’appareil ne l’a plus, sa page le signale et une règle d’alerte (configuration modifiée) peut prévenir des personnes ; « Accepter comme nouvelle référence » ou « Restaurer la référence » règle la question.',
  ],
  communications: [
    'Communications couvre le côté téléphonie d’un appareil : l’enregistrement VoIP et les services qu’un CONVERGE Pro 2 utilise pour passer des appels.',
    '« État de l’enregistrement VoIP » demande à l’appareil l’état de chaque ligne ; Échec de l’enregistrement VoIP signifie qu’une ligne n’est pas enregistrée auprès de son serveur SIP. Vérifiez le serveur, le compte et le réseau, puis « Redémarrer la VoIP ».',
    'Redémarrage VoIP en attente s’affiche après des réglages qui exigent un redémarrage VoIP ; Échec du service de communication signifie que le service de communication de l’appareil s’est arrêté : redémarrez l’appareil.',
  ],
  'collaborate-link': [
    'Les appareils vidéo COLLABORATE Live apparaissent sous Vidéo, trouvés par l’agent comme les appareils Pro Audio ; leur état, leur modèle, leur numéro de série et leur micrologiciel s’y affichent. Un codec qui perd son enregistrement auprès de COLLABORATE Space affiche Échec du service de communication.',
    'Paramètres › Mon compte › Liaison à COLLABORATE Space : « Lier mon compte » vous mène à la page de connexion de COLLABORATE Space ; autorisez-y l’accès et vous revenez avec le compte lié. Crosspoint garde l’accès accordé, scellé, et le renouvelle ; « Délier mon compte » le supprime. Pour un COLLABORATE Space sur site, saisissez d’abord son adresse.',
    'Un Propriétaire ou un Administrateur lie aussi l’organisation (« Lier l’organisation »). Le tableau de bord affiche alors, sous Collaboration vidéo, les appareils vidéo par état, les utilisateurs COLLABORATE Space par présence (en ligne, occupé, absent, hors ligne), toutes les licences et les derniers appels et réunions, actualisés toutes les quelques secondes. Quand COLLABORATE Space ne répond pas, le tableau de bord indique « COLLABORATE Space injoignable » et le reste fonctionne toujours.',
    'Quand votre propre compte COLLABORATE Space lié y est administrateur, Ajouter des utilisateurs propose « Créer aussi comme utilisateurs COLLABORATE Space » ; la boîte de dialogue indique pour chaque personne si c’est fait.',
  ],
  'locations-tree': [
    'Emplacements présente vos lieux sous forme d’arborescence : régions, sites, bâtiments, étages et salles. La flèche devant un nom ouvre ou ferme ce qu’il contient ; une recherche affiche chaque résultat avec son chemin complet.',
    'Les emplacements des appareils du tableau de bord et le filtre d’emplacement de la liste des appareils utilisent la même arborescence : filtrer sur un bâtiment inclut ses étages et ses salles.',
  ],
  'managing-locations': [
    '« Ajouter un emplacement » crée un lieu au premier niveau ; « Ajouter à l’intérieur » sur une ligne en crée un à l’intérieur. Modifiez une ligne pour la renommer, changer son type ou la déplacer dans l’arborescence.',
    'Affectez des appareils depuis la liste des appareils : sélectionnez-les, puis « Affecter à un emplacement… ». Un compte serveur peut aussi avoir un emplacement, pour les appareils qu’il apporte.',
    'Supprimer un lieu qui contient encore des lieux ou des appareils est refusé : déplacez-les d’abord.',
  ],
  'pro-audio-subnet': [
    'L’agent cherche des appareils sur les sous-réseaux avec lesquels il est lancé (--subnets CIDR[:port][@interface], par ex. 192.168.10.0/24@eth0) et garde une session avec chaque appareil qu’il trouve.',
    'Sur la page web de l’agent lui-même (http://localhost:8090 sur le serveur du site, sauf s’il est lancé avec un autre --ui-port), Sous-réseaux les liste : activez ou désactivez chacun, et « Découvrir maintenant » lance un balayage immédiat. Un sous-réseau désactivé n’est ni balayé ni interrogé ; ses appareils s’affichent Non surveillé, pas Hors service.',
    'L’écran Serveurs du hub indique combien de sous-réseaux de chaque agent sont activés.',
  ],
  servers: [
    'Serveurs › Ajouter un compte serveur d’agent : choisissez un nom et un mot de passe (au moins 8 caractères avec une lettre, un chiffre et un caractère spécial).',
    'Sur le site, lancez l’agent et saisissez l’adresse du hub, l’identifiant d’agent du compte (« Nom@code » : affiché à l’ajout du compte et dans la colonne Identifiant d’agent de la liste des serveurs, chacun avec un bouton Copier) et le mot de passe. Voir Téléchargements.',
    'Un serveur est Connecté tant que son agent tient sa liaison ; le nombre de ses appareils et ses sous-réseaux activés s’affichent ici.',
  ],
  'monitoring-servers': [
    'Serveurs liste les comptes serveur d’agent : si chaque agent est Connecté, son système de surveillance (Actif, Problème, Arrêté), sa version, sa charge, ses sous-réseaux activés et quand il a été vu pour la dernière fois.',
    'Un serveur dont la surveillance signale Problème nomme les problèmes : parcours de sous-réseau en échec, tampon qui grossit, décalage d’horloge, identifiants refusés, processeur ou mémoire élevés.',
    'Une règle d’alerte du type « un serveur se déconnecte ou sa supervision a un problème » prévient par e-mail, SMS ou webhook.',
  ],
  'agent-install': [
    'Téléchargements propose l’agent : un fichier pour Linux ou Windows avec Node.js 20. Vérifiez son SHA-256, puis installez-le comme service (systemd sous Linux, WinSW sous Windows) comme la page l’indique.',
    'L’agent se connecte vers le hub : aucune règle de pare-feu entrante n’est nécessaire. Son premier mot de passe admin est dans son journal.',
    'Les agents se mettent à jour depuis le hub s’ils sont réglés en automatique ; sinon Serveurs affiche « Mise à jour disponible » avec un bouton Mettre à jour.',
  ],
  'useful-links': [
    'Téléchargements : l’agent pour vos sites et comment l’installer. Aide : ces pages ; cherchez-y depuis le champ de l’en-tête.',
    'L’API : chaque écran est construit dessus ; sa description est à /api/docs sur ce hub, et les jetons d’API (Paramètres › Jetons d’API) permettent à des scripts de l’utiliser.',
    'État du hub (opérateur de la plateforme) : la base de données, le bus d’événements et les agents connectés d’un coup d’œil.',
  ],
  alerts: [
    'Une règle d’alerte dit quoi surveiller (états d’appareils, déconnexion d’un serveur, forfait dépassé ou terminé), combien de temps attendre avant de prévenir, à quelle fréquence répéter, et par quels canaux : e-mail, SMS, webhook.',
    'Incidents liste ce qui est en panne maintenant ; le Journal des envois montre chaque message envoyé, retenu ou en échec. Une fenêtre de maintenance met les alertes en sourdine pour une organisation, un emplacement ou un appareil.',
    'Chacun choisit sous Paramètres › Mon compte quelles alertes d’organisations lui parviennent par e-mail et SMS ; les messages arrivent dans sa langue.',
  ],
  users: [
    'Les Propriétaires peuvent tout faire, y compris gérer les autres Propriétaires. Les Administrateurs gèrent les utilisateurs, les serveurs, les emplacements et les appareils. Les Observateurs voient tout et ne changent rien.',
    'Utilisateurs › Ajouter des utilisateurs invite une ou plusieurs adresses e-mail à la fois avec un rôle et une langue. Une personne invitée enregistre son mot de passe depuis l’e-mail, écrit dans la langue choisie.',
    'Les membres d’une organisation de support agissent dans ses organisations clientes avec le même rôle.',
  ],
  'sign-in-ldap': [
    'Paramètres › Connexion › LDAP / Active Directory relie votre annuaire : son serveur, le compte de liaison (bind), où chercher les personnes et quels groupes donnent quel rôle.',
    'Les personnes se connectent alors sur la page de connexion habituelle en tant que DOMAINE\\nom ou nom@domaine avec le mot de passe de leur annuaire ; leur compte est créé à la première connexion et leur rôle suit leurs groupes à chaque connexion.',
    '« Tester la connexion » et « Tester un utilisateur » vérifient les réglages avant que quiconque en dépende.',
  ],
  'sign-in-oidc': [
    'Paramètres › Connexion › OpenID Connect ajoute un fournisseur (Microsoft Entra ID, Okta, Google Workspace, Keycloak…) : son URL d’émetteur, l’ID et le secret client, et des règles qui associent des valeurs de claims à des rôles.',
    'Enregistrez chez le fournisseur l’URI de redirection affichée à cet endroit. La page de connexion propose alors « Se connecter avec … » ; sans valeur de claim donnant un rôle, personne ne peut se connecter par ce biais.',
  ],
  'two-factor': [
    'Paramètres › Mon compte › Connexion à deux facteurs ajoute à votre mot de passe un code à 6 chiffres d’une application d’authentification. Gardez les codes de secours, affichés une seule fois : chacun vous connecte une fois si vous perdez votre téléphone.',
    'Les Propriétaires peuvent exiger la connexion à deux facteurs de tous les membres (Paramètres › Connexion). Les personnes qui se connectent via un fournisseur OpenID en sont exemptées : c’est le fournisseur qui leur demande leur second facteur.',
  ],
  'api-tokens': [
    'Paramètres › Jetons d’API crée un jeton pour des scripts et des intégrations, avec une durée de validité et, si vous le souhaitez, le rôle Observateur en lecture seule. Le secret n’est affiché qu’une fois : copiez-le à ce moment-là.',
    'Un jeton cesse de fonctionner quand il expire, quand il est révoqué, et dès que la personne qui l’a créé quitte l’organisation ou perd son rôle.',
  ],
  history: [
    'Historique enregistre qui a fait quoi et quand dans l’organisation : connexions, utilisateurs, organisations clientes, serveurs, emplacements, jetons d’API, changements de licence et actions sur les appareils.',
    'Recherchez-y, filtrez par domaine et par dates ; le graphique montre les actions par jour de ce qui est chargé.',
  ],
  clients: [
    'Organisations › Ajouter une organisation cliente : saisissez le nom et le propriétaire initial (un membre de votre organisation est recommandé), puis le forfait de service : le nombre d’appareils Pro Audio pris sur votre pool d’appareils sous licence, et les dates.',
    'Vérifiez et ajoutez. Le client s’affiche Invité jusqu’à ce que quelqu’un y travaille, Actif tant que son forfait court, Expiré après sa date de fin, et Dépassement quand il a plus d’appareils que son forfait.',
    'Utilisez Choisir l’organisation… pour travailler dans un client avec votre propre compte. « Libérer » sur la ligne d’un client cesse de s’en occuper : il garde tout, et ses Propriétaires peuvent le rattacher de nouveau à une organisation de support.',
  ],
  rollup: [
    'Votre propre tableau de bord, les listes Pro Audio et Vidéo, Serveurs, Alertes et Historique englobent les appareils et les événements de tous vos clients, chaque ligne nommant son organisation. Rien à changer : c’est la vue de votre organisation de support.',
    '« Clients par état » sur le tableau de bord place en tête les clients qui ont le plus d’appareils Hors service, puis ceux qui ont des problèmes. Cliquez sur un client, ou sur son nombre de Hors service ou de Problèmes, pour ouvrir la liste des appareils filtrée sur lui.',
    'Chaque client ne voit que ses propres appareils et événements, jamais ceux d’un autre client.',
  ],
  usage: [
    'Utilisation montre les appareils surveillés par jour UTC, Pro Audio et Vidéo : le pic et les appareils-jours (appareils × heures ÷ 24). La moyenne d’un mois est son nombre d’appareils-jours divisé par son nombre de jours.',
    'Les appareils Hors forfait ne comptent pas. Les changements de forfait du mois sont listés sous le tableau ; « Télécharger le CSV » enregistre le mois.',
    'Une organisation de support voit l’utilisation de chaque client depuis Organisations.',
  ],
  invoices: [
    'Les paramètres de facturation contiennent vos prix par appareil Pro Audio et Vidéo (au mois ou à l’année), un minimum par facture, la taxe, les conditions de paiement, la numérotation et les relances.',
    'Les brouillons sont établis à partir de l’utilisation de chaque client sur un mois, à la main ou le 2 du mois suivant. Vérifiez et modifiez un brouillon, puis émettez-le : il reçoit son numéro et est envoyé par e-mail au contact de facturation du client avec son PDF, dans la langue du contact.',
    'Marquez les factures payées ; celles en retard reçoivent les relances que vous avez définies. Une facture annulée garde son numéro et ne reçoit aucune relance.',
  ],
  license: [
    'Sans licence, l’édition Entreprise surveille jusqu’à 5 appareils. Dans Paramètres › Abonnement et licence, choisissez le fichier de licence pour débloquer sa capacité.',
    'Un fichier de licence est signé ; un fichier modifié ou expiré est refusé avec la raison.',
    'À partir de 30 jours avant l’expiration de la licence, les Propriétaires et les Administrateurs voient un bandeau avec les jours restants. Après son expiration, la licence garde ses appareils pendant un délai de grâce (14 jours sauf autre réglage du hub) ; ensuite l’édition Entreprise surveille de nouveau 5 appareils.',
  ],
  operators: [
    'Organisations liste les organisations de support (intégrateurs AV). Ajoutez-en une avec son pool d’appareils sous licence et l’adresse e-mail de son propriétaire.',
    'État du hub affiche la version, la base de données, le bus d’événements et si chaque dépendance répond.',
    'Le courrier que le hub ne peut pas envoyer (aucun SMTP configuré) reste dans la boîte d’envoi : GET /api/v1/outbox.',
  ],
  languages: [
    'Crosspoint parle anglais, français, italien, espagnol, allemand, portugais, polonais, chinois (simplifié), coréen, japonais, arabe et russe. Choisissez votre langue dans le menu de l’en-tête ou sous Paramètres › Mon compte : les écrans changent aussitôt, et vos e-mails et SMS l’utilisent aussi.',
    'L’arabe se lit de droite à gauche : le menu, les tableaux et les dialogues s’inversent.',
    'Les pages d’aide pas encore traduites dans votre langue s’affichent en anglais, avec une note qui le signale.',
  ],
};

export default bodies;
