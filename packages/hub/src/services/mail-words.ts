import type { Role } from '@crosspoint/protocol';
import type { languages } from '@crosspoint/protocol';

/** A language the hub writes its mail in (every language a profile may choose). */
export type MailLanguage = (typeof languages)[number];

/** What an invitation or an "added to an organization" mail says. */
export interface MemberMail {
  organization: string;
  role: Role;
  link: string;
  inviter: string;
}

/** The words of the account mails (invitation, access given, password reset) in one language. */
export interface MailWords {
  roles: Record<Role, string>;
  invitationSubject(organization: string): string;
  invitation(p: MemberMail, role: string): string;
  addedSubject(organization: string): string;
  added(p: MemberMail, role: string): string;
  resetSubject: string;
  reset(link: string): string;
}

/**
 * Every language a profile may choose (the type makes a missing one a compile error). Product
 * names (Crosspoint) and the menu path "Choose Organization…" stay as the screens show them in
 * that language.
 */
export const mailWords: Record<MailLanguage, MailWords> = {
  en: {
    roles: { owner: 'Owner', administrator: 'Administrator', monitor: 'Monitor' },
    invitationSubject: (o) => `You are invited to ${o} on Crosspoint`,
    invitation: (p, role) => `Hello,

${p.inviter} invited you to ${p.organization} on Crosspoint as ${role}.

Register your password here (the link works once and expires in 7 days):
${p.link}

If you did not expect this, ignore this message.`,
    addedSubject: (o) => `You now have access to ${o} on Crosspoint`,
    added: (p, role) => `Hello,

${p.inviter} gave you access to ${p.organization} on Crosspoint as ${role}.
Sign in as usual and pick it under "Choose Organization…":
${p.link}`,
    resetSubject: 'Reset your Crosspoint password',
    reset: (link) => `Hello,

Someone (hopefully you) asked to reset the password of this Crosspoint account.
Choose a new password here (the link works once and expires in 1 hour):
${link}

If you did not ask for this, ignore this message: your password stays as it is.`,
  },
  de: {
    roles: { owner: 'Eigentümer', administrator: 'Administrator', monitor: 'Beobachter' },
    invitationSubject: (o) => `Einladung zu ${o} in Crosspoint`,
    invitation: (p, role) => `Hallo,

${p.inviter} hat Sie als ${role} zu ${p.organization} in Crosspoint eingeladen.

Legen Sie hier Ihr Passwort fest (der Link gilt einmal und 7 Tage lang):
${p.link}

Falls Sie das nicht erwartet haben, ignorieren Sie diese Nachricht.`,
    addedSubject: (o) => `Sie haben jetzt Zugriff auf ${o} in Crosspoint`,
    added: (p, role) => `Hallo,

${p.inviter} hat Ihnen als ${role} Zugriff auf ${p.organization} in Crosspoint gegeben.
Melden Sie sich wie gewohnt an und wählen Sie sie unter „Organisation wählen…“:
${p.link}`,
    resetSubject: 'Ihr Crosspoint-Passwort zurücksetzen',
    reset: (link) => `Hallo,

jemand (hoffentlich Sie) hat das Zurücksetzen des Passworts dieses Crosspoint-Kontos angefordert.
Wählen Sie hier ein neues Passwort (der Link gilt einmal und 1 Stunde lang):
${link}

Falls Sie das nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt, wie es ist.`,
  },
  fr: {
    roles: { owner: 'Propriétaire', administrator: 'Administrateur', monitor: 'Observateur' },
    invitationSubject: (o) => `Invitation à ${o} sur Crosspoint`,
    invitation: (p, role) => `Bonjour,

${p.inviter} vous a invité à rejoindre ${p.organization} sur Crosspoint en tant que ${role}.

Enregistrez votre mot de passe ici (le lien fonctionne une fois et expire dans 7 jours) :
${p.link}

Si vous ne vous y attendiez pas, ignorez ce message.`,
    addedSubject: (o) => `Vous avez désormais accès à ${o} sur Crosspoint`,
    added: (p, role) => `Bonjour,

${p.inviter} vous a donné accès à ${p.organization} sur Crosspoint en tant que ${role}.
Connectez-vous comme d’habitude et choisissez-la sous « Choisir l’organisation… » :
${p.link}`,
    resetSubject: 'Réinitialiser votre mot de passe Crosspoint',
    reset: (link) => `Bonjour,

Quelqu’un (vous, espérons-le) a demandé la réinitialisation du mot de passe de ce compte Crosspoint.
Choisissez un nouveau mot de passe ici (le lien fonctionne une fois et expire dans 1 heure) :
${link}

Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.`,
  },
  it: {
    roles: { owner: 'Proprietario', administrator: 'Amministratore', monitor: 'Osservatore' },
    invitationSubject: (o) => `Invito a ${o} su Crosspoint`,
    invitation: (p, role) => `Buongiorno,

${p.inviter} ti ha invitato in ${p.organization} su Crosspoint come ${role}.

Registra qui la tua password (il link funziona una volta e scade tra 7 giorni):
${p.link}

Se non te lo aspettavi, ignora questo messaggio.`,
    addedSubject: (o) => `Ora hai accesso a ${o} su Crosspoint`,
    added: (p, role) => `Buongiorno,

${p.inviter} ti ha dato accesso a ${p.organization} su Crosspoint come ${role}.
Accedi come al solito e sceglila in «Scegli organizzazione…»:
${p.link}`,
    resetSubject: 'Reimposta la tua password di Crosspoint',
    reset: (link) => `Buongiorno,

qualcuno (speriamo tu) ha chiesto di reimpostare la password di questo account Crosspoint.
Scegli qui una nuova password (il link funziona una volta e scade tra 1 ora):
${link}

Se non l’hai chiesto tu, ignora questo messaggio: la tua password resta invariata.`,
  },
  es: {
    roles: { owner: 'Propietario', administrator: 'Administrador', monitor: 'Supervisor' },
    invitationSubject: (o) => `Invitación a ${o} en Crosspoint`,
    invitation: (p, role) => `Hola:

${p.inviter} le ha invitado a ${p.organization} en Crosspoint como ${role}.

Registre su contraseña aquí (el enlace funciona una vez y caduca en 7 días):
${p.link}

Si no esperaba este mensaje, ignórelo.`,
    addedSubject: (o) => `Ya tiene acceso a ${o} en Crosspoint`,
    added: (p, role) => `Hola:

${p.inviter} le ha dado acceso a ${p.organization} en Crosspoint como ${role}.
Inicie sesión como siempre y elíjala en «Elegir organización…»:
${p.link}`,
    resetSubject: 'Restablezca su contraseña de Crosspoint',
    reset: (link) => `Hola:

Alguien (esperamos que usted) ha pedido restablecer la contraseña de esta cuenta de Crosspoint.
Elija una contraseña nueva aquí (el enlace funciona una vez y caduca en 1 hora):
${link}

Si no lo ha pedido, ignore este mensaje: su contraseña no cambia.`,
  },
  pt: {
    roles: { owner: 'Proprietário', administrator: 'Administrador', monitor: 'Observador' },
    invitationSubject: (o) => `Convite para ${o} no Crosspoint`,
    invitation: (p, role) => `Olá,

${p.inviter} convidou você para ${p.organization} no Crosspoint como ${role}.

Registre sua senha aqui (o link funciona uma vez e expira em 7 dias):
${p.link}

Se você não esperava este convite, ignore esta mensagem.`,
    addedSubject: (o) => `Agora você tem acesso a ${o} no Crosspoint`,
    added: (p, role) => `Olá,

${p.inviter} deu a você acesso a ${p.organization} no Crosspoint como ${role}.
Entre como de costume e escolha-a em “Escolher organização…”:
${p.link}`,
    resetSubject: 'Redefina sua senha do Crosspoint',
    reset: (link) => `Olá,

Alguém (esperamos que você) pediu para redefinir a senha desta conta do Crosspoint.
Escolha uma nova senha aqui (o link funciona uma vez e expira em 1 hora):
${link}

Se você não pediu isso, ignore esta mensagem: sua senha continua a mesma.`,
  },
  pl: {
    roles: { owner: 'Właściciel', administrator: 'Administrator', monitor: 'Obserwator' },
    invitationSubject: (o) => `Zaproszenie do ${o} w Crosspoint`,
    invitation: (p, role) => `Dzień dobry,

${p.inviter} zaprasza Cię do ${p.organization} w Crosspoint z rolą: ${role}.

Ustaw swoje hasło tutaj (link działa raz i wygasa po 7 dniach):
${p.link}

Jeśli nie spodziewasz się tego zaproszenia, zignoruj tę wiadomość.`,
    addedSubject: (o) => `Masz teraz dostęp do ${o} w Crosspoint`,
    added: (p, role) => `Dzień dobry,

${p.inviter} dał Ci dostęp do ${p.organization} w Crosspoint z rolą: ${role}.
Zaloguj się jak zwykle i wybierz ją w „Wybierz organizację…”:
${p.link}`,
    resetSubject: 'Zresetuj hasło do Crosspoint',
    reset: (link) => `Dzień dobry,

ktoś (miejmy nadzieję, że Ty) poprosił o zresetowanie hasła do tego konta Crosspoint.
Wybierz nowe hasło tutaj (link działa raz i wygasa po 1 godzinie):
${link}

Jeśli to nie Ty, zignoruj tę wiadomość: hasło pozostaje bez zmian.`,
  },
  zh: {
    roles: { owner: '所有者', administrator: '管理员', monitor: '监视者' },
    invitationSubject: (o) => `邀请您加入 Crosspoint 上的 ${o}`,
    invitation: (p, role) => `您好：

${p.inviter} 邀请您以 ${role} 身份加入 Crosspoint 上的 ${p.organization}。

请在此设置您的密码（链接只能使用一次，7 天后失效）：
${p.link}

如果您没有预期收到此邮件，请忽略。`,
    addedSubject: (o) => `您现在可以访问 Crosspoint 上的 ${o}`,
    added: (p, role) => `您好：

${p.inviter} 已授予您以 ${role} 身份访问 Crosspoint 上的 ${p.organization}。
请照常登录，并在“选择组织…”中选择它：
${p.link}`,
    resetSubject: '重置您的 Crosspoint 密码',
    reset: (link) => `您好：

有人（希望是您本人）请求重置此 Crosspoint 账户的密码。
请在此设置新密码（链接只能使用一次，1 小时后失效）：
${link}

如果不是您本人的请求，请忽略此邮件：您的密码不会改变。`,
  },
  ko: {
    roles: { owner: '소유자', administrator: '관리자', monitor: '모니터' },
    invitationSubject: (o) => `Crosspoint의 ${o}에 초대되었습니다`,
    invitation: (p, role) => `안녕하세요.

${p.inviter}님이 Crosspoint의 ${p.organization}에 ${role}(으)로 초대했습니다.

여기에서 비밀번호를 등록하세요(링크는 한 번만 사용할 수 있으며 7일 후 만료됩니다):
${p.link}

예상하지 못한 메일이라면 무시하세요.`,
    addedSubject: (o) => `이제 Crosspoint의 ${o}에 접근할 수 있습니다`,
    added: (p, role) => `안녕하세요.

${p.inviter}님이 Crosspoint의 ${p.organization}에 ${role}(으)로 접근 권한을 주었습니다.
평소처럼 로그인한 뒤 "조직 선택…"에서 선택하세요:
${p.link}`,
    resetSubject: 'Crosspoint 비밀번호 재설정',
    reset: (link) => `안녕하세요.

누군가(본인이기를 바랍니다) 이 Crosspoint 계정의 비밀번호 재설정을 요청했습니다.
여기에서 새 비밀번호를 선택하세요(링크는 한 번만 사용할 수 있으며 1시간 후 만료됩니다):
${link}

요청하지 않으셨다면 이 메일을 무시하세요. 비밀번호는 그대로 유지됩니다.`,
  },
  ja: {
    roles: { owner: 'オーナー', administrator: '管理者', monitor: 'モニター' },
    invitationSubject: (o) => `Crosspoint の ${o} への招待`,
    invitation: (p, role) => `こんにちは。

${p.inviter} さんが、Crosspoint の ${p.organization} に ${role} としてあなたを招待しました。

こちらでパスワードを登録してください（リンクは 1 回のみ有効、7 日で期限切れになります）:
${p.link}

心当たりがない場合は、このメッセージを無視してください。`,
    addedSubject: (o) => `Crosspoint の ${o} にアクセスできるようになりました`,
    added: (p, role) => `こんにちは。

${p.inviter} さんが、Crosspoint の ${p.organization} へのアクセス権を ${role} としてあなたに付与しました。
いつもどおりサインインし、「組織を選択…」で選んでください:
${p.link}`,
    resetSubject: 'Crosspoint のパスワードのリセット',
    reset: (link) => `こんにちは。

この Crosspoint アカウントのパスワードのリセットが依頼されました（ご本人であることを願います）。
こちらで新しいパスワードを設定してください（リンクは 1 回のみ有効、1 時間で期限切れになります）:
${link}

依頼していない場合は、このメッセージを無視してください。パスワードは変わりません。`,
  },
  ar: {
    roles: { owner: 'مالك', administrator: 'مسؤول', monitor: 'مراقب' },
    invitationSubject: (o) => `دعوة للانضمام إلى ${o} على Crosspoint`,
    invitation: (p, role) => `مرحبًا،

دعاك ${p.inviter} للانضمام إلى ${p.organization} على Crosspoint بدور ${role}.

سجّل كلمة مرورك من هنا (يعمل الرابط مرة واحدة وتنتهي صلاحيته بعد 7 أيام):
${p.link}

إن لم تكن تتوقع هذه الرسالة، فتجاهلها.`,
    addedSubject: (o) => `أصبح لديك الآن وصول إلى ${o} على Crosspoint`,
    added: (p, role) => `مرحبًا،

منحك ${p.inviter} الوصول إلى ${p.organization} على Crosspoint بدور ${role}.
سجّل الدخول كالمعتاد واخترها من «اختيار المؤسسة…»:
${p.link}`,
    resetSubject: 'إعادة تعيين كلمة مرور Crosspoint',
    reset: (link) => `مرحبًا،

طلب أحدهم (نأمل أن تكون أنت) إعادة تعيين كلمة مرور حساب Crosspoint هذا.
اختر كلمة مرور جديدة من هنا (يعمل الرابط مرة واحدة وتنتهي صلاحيته بعد ساعة):
${link}

إن لم تطلب ذلك، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.`,
  },
  ru: {
    roles: { owner: 'Владелец', administrator: 'Администратор', monitor: 'Наблюдатель' },
    invitationSubject: (o) => `Приглашение в ${o} в Crosspoint`,
    invitation: (p, role) => `Здравствуйте!

${p.inviter} приглашает вас в ${p.organization} в Crosspoint с ролью «${role}».

Задайте пароль здесь (ссылка действует один раз и истекает через 7 дней):
${p.link}

Если вы не ждали этого письма, просто проигнорируйте его.`,
    addedSubject: (o) => `Теперь у вас есть доступ к ${o} в Crosspoint`,
    added: (p, role) => `Здравствуйте!

${p.inviter} предоставил вам доступ к ${p.organization} в Crosspoint с ролью «${role}».
Войдите как обычно и выберите её в меню «Выбрать организацию…»:
${p.link}`,
    resetSubject: 'Сброс пароля Crosspoint',
    reset: (link) => `Здравствуйте!

Кто-то (надеемся, вы) запросил сброс пароля этой учётной записи Crosspoint.
Задайте новый пароль здесь (ссылка действует один раз и истекает через 1 час):
${link}

Если вы этого не запрашивали, проигнорируйте письмо: ваш пароль останется прежним.`,
  },
};
