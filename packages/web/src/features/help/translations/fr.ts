import type { HelpBodies } from '../help-bodies.ts';

/** The help pages' bodies in French, per topic id, paragraph for paragraph (topics.ts). */
const bodies: HelpBodies = {
  servers: [
    'Serveurs › Ajouter un compte serveur d’agent : choisissez un nom et un mot de passe (au moins 8 caractères avec une lettre, un chiffre et un caractère spécial).',
    'Sur le site, lancez l’agent et saisissez l’adresse du hub, l’identifiant d’agent du compte (« Nom@code » : affiché à l’ajout du compte et dans la colonne Identifiant d’agent de la liste des serveurs, chacun avec un bouton Copier) et le mot de passe. Voir Téléchargements.',
    'Un serveur est Connecté tant que son agent tient sa liaison ; le nombre de ses appareils et ses sous-réseaux activés s’affichent ici.',
  ],
  'agent-install': [
    'Téléchargements propose l’agent : un fichier pour Linux ou Windows avec Node.js 20. Vérifiez son SHA-256, puis installez-le comme service (systemd sous Linux, WinSW sous Windows) comme la page l’indique.',
    'L’agent se connecte vers le hub : aucune règle de pare-feu entrante n’est nécessaire. Son premier mot de passe admin est dans son journal.',
    'Les agents se mettent à jour depuis le hub s’ils sont réglés en automatique ; sinon Serveurs affiche « Mise à jour disponible » avec un bouton Mettre à jour.',
  ],
  'updating-firmware': [
    'Un appareil ou quelques-uns : « Mettre à jour le micrologiciel… » sur la page de l’appareil ou dans la barre de sélection envoie une image une fois et l’écrit sur chaque appareil. Chaque appareil redémarre et reste indisponible quelques minutes : ne l’éteignez pas pendant ce temps.',
    'Beaucoup d’appareils : publiez l’image dans Micrologiciel › Catalogue, puis lancez une campagne (voir Campagnes de micrologiciel).',
    'Les résultats de la tâche montrent le micrologiciel avant et après. Une mise à jour échouée laisse l’appareil sur son ancien micrologiciel et dit pourquoi.',
  ],
  'firmware-badges': [
    'Quand un paquet de micrologiciel plus récent que celui d’un appareil est publié pour son modèle, la colonne Micrologiciel affiche « Mise à jour disponible » avec la version, tout comme la page de l’appareil.',
    'Le badge vient du catalogue de micrologiciels : les paquets de l’opérateur de la plateforme, ceux de votre organisation et ceux de votre organisation de support. Un paquet retiré ne donne aucun badge.',
    'Filtrez la liste des appareils sur la colonne Micrologiciel pour trouver tous ceux qui peuvent être mis à jour.',
  ],
  'backup-config': [
    '« Sauvegarder la configuration » sur la page de l’appareil demande à l’agent de télécharger le fichier de projet de la pile (.PCCP2X) par FTP et de l’envoyer au hub. FTP doit être activé sur l’appareil pour cela.',
    'Le fichier apparaît dans les résultats de la tâche : les Administrateurs et Propriétaires peuvent le télécharger, car il peut contenir l’identifiant de la pile.',
    'Chaque sauvegarde qui diffère de la précédente est aussi gardée comme version de configuration (voir Versions de configuration), sauvegardes nocturnes comprises.',
  ],
  'managing-locations': [
    '« Ajouter un emplacement » crée un lieu au premier niveau ; « Ajouter à l’intérieur » sur une ligne en crée un à l’intérieur. Modifiez une ligne pour la renommer, changer son type ou la déplacer dans l’arborescence.',
    'Affectez des appareils depuis la liste des appareils : sélectionnez-les, puis « Affecter à un emplacement… ». Un compte serveur peut aussi avoir un emplacement, pour les appareils qu’il apporte.',
    'Supprimer un lieu qui contient encore des lieux ou des appareils est refusé : déplacez-les d’abord.',
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
  'monitoring-servers': [
    'Serveurs liste les comptes serveur d’agent : si chaque agent est Connecté, son système de surveillance (Actif, Issue, Off), sa version, sa charge, ses sous-réseaux activés et quand il a été vu pour la dernière fois.',
    'Un serveur dont la surveillance signale Issue nomme les problèmes : parcours de sous-réseau en échec, tampon qui grossit, décalage d’horloge, identifiants refusés, processeur ou mémoire élevés.',
    'Une règle d’alerte du type « un serveur se déconnecte ou sa surveillance a un problème » prévient par e-mail, SMS ou webhook.',
  ],
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
};

export default bodies;
