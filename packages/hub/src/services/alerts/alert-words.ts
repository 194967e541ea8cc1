import type { Words } from './alert-templates.ts';

/**
 * The words of alert messages in the languages beyond English and German (those two are written
 * out in alert-templates.ts). Each language gives its sentences; `wordsOf` turns them into the
 * `Words` the renderer uses. Counts are said in constructions that need no plural forms
 * ("… : 3"), so no language's grammar is bent.
 */

/** What a language says; `repeat` is true for a reminder ("still …"). */
export interface AlertPhrases extends Pick<
  Words,
  'organization' | 'device' | 'where' | 'location' | 'rule' | 'serverFold' | 'hostFold' | 'open'
> {
  labels: Record<
    | 'disconnected'
    | 'monitoring_issue'
    | 'monitoring_off'
    | 'Overflow'
    | 'Expired'
    | 'Expiring'
    | 'configuration_drift',
    string
  >;
  still: string;
  resolvedPrefix: string;
  deviceIs(name: string, condition: string, repeat: boolean): string;
  deviceBack(name: string, condition: string, now: string | null): string;
  serverDown(name: string, repeat: boolean): string;
  serverBack(name: string): string;
  /** `state` is the monitoring system's own word, Off or Issue. */
  monitorReports(name: string, state: string, repeat: boolean): string;
  monitorBack(name: string, state: string): string;
  overflow(name: string, devices: number, max: number): string;
  overflowBack(name: string): string;
  planExtended(name: string): string;
  planEnded(name: string, date: string): string;
  planEnds(name: string, date: string): string;
  /** The configuration differs from its approved baseline (docs/configurations.md). */
  driftIs(name: string, repeat: boolean): string;
  driftBack(name: string): string;
  /** Introduces the list of differing settings (a count: said without plural forms). */
  driftChanges(n: number): string;
  since(at: string): string;
  noticed(at: string): string;
  was(label: string, from: string, to: string, duration: string): string;
  channel: Record<'email' | 'sms' | 'webhook', string>;
  footer(org: string, channel: string): string;
  smsResolved: string;
}

const s = String;

export const alertPhrases: Record<string, AlertPhrases> = {
  fr: {
    labels: {
      disconnected: 'Déconnecté',
      monitoring_issue: 'Surveillance : Issue',
      monitoring_off: 'Surveillance : Off',
      Overflow: 'Dépassement du forfait',
      Expired: 'Forfait expiré',
      Expiring: 'Fin du forfait',
      configuration_drift: 'Configuration divergente',
    },
    still: 'Toujours',
    resolvedPrefix: 'Résolu',
    deviceIs: (n, c, r) => `${n} est ${r ? 'toujours ' : ''}en état ${c}`,
    deviceBack: (n, c, now) => `${n} n’est plus en état ${c}${now ? ` (maintenant ${now})` : ''}`,
    serverDown: (n, r) => `Le serveur ${n} est ${r ? 'toujours ' : ''}déconnecté`,
    serverBack: (n) => `Le serveur ${n} est de nouveau connecté`,
    monitorReports: (n, st, r) =>
      `Le système de surveillance du serveur ${n} signale ${r ? 'toujours ' : ''}${st}`,
    monitorBack: (n, st) => `Le système de surveillance du serveur ${n} ne signale plus ${st}`,
    overflow: (n, d, m) =>
      `${n} utilise plus d’appareils Pro Audio que son forfait n’en permet (${s(d)} sur ${s(m)})`,
    overflowBack: (n) => `${n} est de nouveau dans les limites de son forfait`,
    planExtended: (n) => `Le forfait de service de ${n} a été prolongé`,
    planEnded: (n, d) => `Le forfait de service de ${n} a pris fin le ${d}`,
    planEnds: (n, d) => `Le forfait de service de ${n} prend fin le ${d}`,
    driftIs: (n, r) =>
      `La configuration de ${n} ${r ? 'diffère toujours' : 'diffère'} de sa référence approuvée`,
    driftBack: (n) => `La configuration de ${n} correspond de nouveau à sa référence`,
    driftChanges: (k) => `Ce qui diffère de la référence (réglages : ${s(k)}) :`,
    since: (at) => `depuis ${at}`,
    noticed: (at) => `(constaté ${at})`,
    was: (l, f, t, d) => `État ${l} du ${f} au ${t} (${d}).`,
    organization: 'Organisation',
    device: 'Appareil',
    where: 'Connexion',
    location: 'Emplacement',
    rule: 'Règle d’alerte',
    serverFold: (down, all, folded) =>
      `Appareils hors service sur ce serveur : ${s(down)} sur ${s(all)}${folded ? ` ; alertes regroupées dans celle-ci : ${s(folded)}` : ''}.`,
    hostFold: (n) =>
      `Périphériques P-Link de ce boîtier également hors service : ${s(n)} ; leurs alertes sont regroupées dans celle-ci.`,
    open: 'Ouvrir',
    channel: { email: 'e-mail', sms: 'SMS', webhook: 'webhook' },
    footer: (o, c) =>
      `Vous recevez ce message car les alertes de ${o} vous parviennent par ${c}. Choisissez vos canaux dans Crosspoint sous Paramètres › Alertes.`,
    smsResolved: 'résolu',
  },
  it: {
    labels: {
      disconnected: 'Disconnesso',
      monitoring_issue: 'Monitoraggio: Issue',
      monitoring_off: 'Monitoraggio: Off',
      Overflow: 'Superamento del piano',
      Expired: 'Piano scaduto',
      Expiring: 'Piano in scadenza',
      configuration_drift: 'Configurazione divergente',
    },
    still: 'Ancora',
    resolvedPrefix: 'Risolto',
    deviceIs: (n, c, r) => `${n} è ${r ? 'ancora ' : ''}in stato ${c}`,
    deviceBack: (n, c, now) => `${n} non è più in stato ${c}${now ? ` (ora ${now})` : ''}`,
    serverDown: (n, r) => `Il server ${n} è ${r ? 'ancora ' : ''}disconnesso`,
    serverBack: (n) => `Il server ${n} è di nuovo connesso`,
    monitorReports: (n, st, r) =>
      `Il sistema di monitoraggio del server ${n} segnala ${r ? 'ancora ' : ''}${st}`,
    monitorBack: (n, st) => `Il sistema di monitoraggio del server ${n} non segnala più ${st}`,
    overflow: (n, d, m) =>
      `${n} usa più dispositivi Pro Audio di quanti ne preveda il piano (${s(d)} su ${s(m)})`,
    overflowBack: (n) => `${n} rientra di nuovo nel suo piano di servizio`,
    planExtended: (n) => `Il piano di servizio di ${n} è stato prolungato`,
    planEnded: (n, d) => `Il piano di servizio di ${n} è terminato il ${d}`,
    planEnds: (n, d) => `Il piano di servizio di ${n} termina il ${d}`,
    driftIs: (n, r) =>
      `La configurazione di ${n} ${r ? 'differisce ancora' : 'differisce'} dalla baseline approvata`,
    driftBack: (n) => `La configurazione di ${n} corrisponde di nuovo alla baseline`,
    driftChanges: (k) => `Cosa differisce dalla baseline (impostazioni: ${s(k)}):`,
    since: (at) => `dal ${at}`,
    noticed: (at) => `(rilevato ${at})`,
    was: (l, f, t, d) => `Stato ${l} dal ${f} al ${t} (${d}).`,
    organization: 'Organizzazione',
    device: 'Dispositivo',
    where: 'Connessione',
    location: 'Posizione',
    rule: 'Regola di avviso',
    serverFold: (down, all, folded) =>
      `Dispositivi non raggiungibili su questo server: ${s(down)} su ${s(all)}${folded ? `; avvisi inclusi in questo: ${s(folded)}` : ''}.`,
    hostFold: (n) =>
      `Periferiche P-Link di questa unità non raggiungibili: ${s(n)}; i loro avvisi sono inclusi in questo.`,
    open: 'Apri',
    channel: { email: 'email', sms: 'SMS', webhook: 'webhook' },
    footer: (o, c) =>
      `Ricevi questo messaggio perché gli avvisi di ${o} ti arrivano via ${c}. Scegli i tuoi canali in Crosspoint in Impostazioni › Avvisi.`,
    smsResolved: 'risolto',
  },
  es: {
    labels: {
      disconnected: 'Desconectado',
      monitoring_issue: 'Supervisión: Issue',
      monitoring_off: 'Supervisión: Off',
      Overflow: 'Exceso del plan',
      Expired: 'Plan caducado',
      Expiring: 'Fin del plan',
      configuration_drift: 'Configuración desviada',
    },
    still: 'Sigue',
    resolvedPrefix: 'Resuelto',
    deviceIs: (n, c, r) => `${n} ${r ? 'sigue' : 'está'} en estado ${c}`,
    deviceBack: (n, c, now) => `${n} ya no está en estado ${c}${now ? ` (ahora ${now})` : ''}`,
    serverDown: (n, r) => `El servidor ${n} ${r ? 'sigue' : 'está'} desconectado`,
    serverBack: (n) => `El servidor ${n} vuelve a estar conectado`,
    monitorReports: (n, st, r) =>
      `El sistema de supervisión del servidor ${n} ${r ? 'sigue indicando' : 'indica'} ${st}`,
    monitorBack: (n, st) => `El sistema de supervisión del servidor ${n} ya no indica ${st}`,
    overflow: (n, d, m) =>
      `${n} usa más dispositivos Pro Audio de los que permite su plan (${s(d)} de ${s(m)})`,
    overflowBack: (n) => `${n} vuelve a estar dentro de su plan de servicio`,
    planExtended: (n) => `El plan de servicio de ${n} se ha ampliado`,
    planEnded: (n, d) => `El plan de servicio de ${n} terminó el ${d}`,
    planEnds: (n, d) => `El plan de servicio de ${n} termina el ${d}`,
    driftIs: (n, r) =>
      `La configuración de ${n} ${r ? 'sigue difiriendo' : 'difiere'} de su referencia aprobada`,
    driftBack: (n) => `La configuración de ${n} vuelve a coincidir con su referencia`,
    driftChanges: (k) => `Lo que difiere de la referencia (ajustes: ${s(k)}):`,
    since: (at) => `desde ${at}`,
    noticed: (at) => `(detectado ${at})`,
    was: (l, f, t, d) => `Estado ${l} desde ${f} hasta ${t} (${d}).`,
    organization: 'Organización',
    device: 'Dispositivo',
    where: 'Conexión',
    location: 'Ubicación',
    rule: 'Regla de alerta',
    serverFold: (down, all, folded) =>
      `Dispositivos caídos en este servidor: ${s(down)} de ${s(all)}${folded ? `; alertas incluidas en esta: ${s(folded)}` : ''}.`,
    hostFold: (n) =>
      `Periféricos P-Link de este equipo también caídos: ${s(n)}; sus alertas se incluyen en esta.`,
    open: 'Abrir',
    channel: { email: 'correo', sms: 'SMS', webhook: 'webhook' },
    footer: (o, c) =>
      `Recibe este mensaje porque las alertas de ${o} le llegan por ${c}. Elija sus canales en Crosspoint, en Configuración › Alertas.`,
    smsResolved: 'resuelto',
  },
  pt: {
    labels: {
      disconnected: 'Desconectado',
      monitoring_issue: 'Monitoramento: Issue',
      monitoring_off: 'Monitoramento: Off',
      Overflow: 'Excedente do plano',
      Expired: 'Plano expirado',
      Expiring: 'Fim do plano',
      configuration_drift: 'Configuração divergente',
    },
    still: 'Ainda',
    resolvedPrefix: 'Resolvido',
    deviceIs: (n, c, r) => `${n} ${r ? 'continua' : 'está'} com status ${c}`,
    deviceBack: (n, c, now) => `${n} não está mais com status ${c}${now ? ` (agora ${now})` : ''}`,
    serverDown: (n, r) => `O servidor ${n} ${r ? 'continua' : 'está'} desconectado`,
    serverBack: (n) => `O servidor ${n} está conectado novamente`,
    monitorReports: (n, st, r) =>
      `O sistema de monitoramento do servidor ${n} ${r ? 'continua indicando' : 'indica'} ${st}`,
    monitorBack: (n, st) => `O sistema de monitoramento do servidor ${n} não indica mais ${st}`,
    overflow: (n, d, m) => `${n} usa mais dispositivos Pro Audio do que o plano permite (${s(d)} de ${s(m)})`,
    overflowBack: (n) => `${n} está novamente dentro do plano de serviço`,
    planExtended: (n) => `O plano de serviço de ${n} foi prorrogado`,
    planEnded: (n, d) => `O plano de serviço de ${n} terminou em ${d}`,
    planEnds: (n, d) => `O plano de serviço de ${n} termina em ${d}`,
    driftIs: (n, r) => `A configuração de ${n} ${r ? 'continua diferente' : 'difere'} da referência aprovada`,
    driftBack: (n) => `A configuração de ${n} voltou a coincidir com a referência`,
    driftChanges: (k) => `O que difere da referência (configurações: ${s(k)}):`,
    since: (at) => `desde ${at}`,
    noticed: (at) => `(detectado ${at})`,
    was: (l, f, t, d) => `Status ${l} de ${f} a ${t} (${d}).`,
    organization: 'Organização',
    device: 'Dispositivo',
    where: 'Conexão',
    location: 'Local',
    rule: 'Regra de alerta',
    serverFold: (down, all, folded) =>
      `Dispositivos fora do ar neste servidor: ${s(down)} de ${s(all)}${folded ? `; alertas incluídos neste: ${s(folded)}` : ''}.`,
    hostFold: (n) =>
      `Periféricos P-Link deste equipamento também fora do ar: ${s(n)}; os alertas deles estão incluídos neste.`,
    open: 'Abrir',
    channel: { email: 'e-mail', sms: 'SMS', webhook: 'webhook' },
    footer: (o, c) =>
      `Você recebe esta mensagem porque os alertas de ${o} chegam a você por ${c}. Escolha seus canais no Crosspoint em Configurações › Alertas.`,
    smsResolved: 'resolvido',
  },
  pl: {
    labels: {
      disconnected: 'Rozłączony',
      monitoring_issue: 'Monitorowanie: Issue',
      monitoring_off: 'Monitorowanie: Off',
      Overflow: 'Przekroczenie planu',
      Expired: 'Plan wygasł',
      Expiring: 'Koniec planu',
      configuration_drift: 'Konfiguracja odbiega od wzorca',
    },
    still: 'Nadal',
    resolvedPrefix: 'Rozwiązane',
    deviceIs: (n, c, r) => `${n}: ${r ? 'nadal ' : ''}stan ${c}`,
    deviceBack: (n, c, now) => `${n}: stan ${c} ustąpił${now ? ` (teraz ${now})` : ''}`,
    serverDown: (n, r) => `Serwer ${n} jest ${r ? 'nadal ' : ''}rozłączony`,
    serverBack: (n) => `Serwer ${n} jest znowu połączony`,
    monitorReports: (n, st, r) => `System monitorowania serwera ${n} ${r ? 'nadal ' : ''}zgłasza ${st}`,
    monitorBack: (n, st) => `System monitorowania serwera ${n} nie zgłasza już ${st}`,
    overflow: (n, d, m) =>
      `${n} używa więcej urządzeń Pro Audio, niż pozwala plan serwisowy (${s(d)} z ${s(m)})`,
    overflowBack: (n) => `${n} mieści się znowu w planie serwisowym`,
    planExtended: (n) => `Plan serwisowy ${n} został przedłużony`,
    planEnded: (n, d) => `Plan serwisowy ${n} skończył się ${d}`,
    planEnds: (n, d) => `Plan serwisowy ${n} kończy się ${d}`,
    driftIs: (n, r) => `Konfiguracja ${n} ${r ? 'nadal odbiega' : 'odbiega'} od zatwierdzonego wzorca`,
    driftBack: (n) => `Konfiguracja ${n} jest znowu zgodna ze wzorcem`,
    driftChanges: (k) => `Różnice względem wzorca (ustawienia: ${s(k)}):`,
    since: (at) => `od ${at}`,
    noticed: (at) => `(zauważono ${at})`,
    was: (l, f, t, d) => `Stan ${l} od ${f} do ${t} (${d}).`,
    organization: 'Organizacja',
    device: 'Urządzenie',
    where: 'Połączenie',
    location: 'Lokalizacja',
    rule: 'Reguła alertu',
    serverFold: (down, all, folded) =>
      `Niedostępne urządzenia tego serwera: ${s(down)} z ${s(all)}${folded ? `; alerty włączone do tego: ${s(folded)}` : ''}.`,
    hostFold: (n) =>
      `Niedostępne również peryferia P-Link tego urządzenia: ${s(n)}; ich alerty są włączone do tego.`,
    open: 'Otwórz',
    channel: { email: 'e-mail', sms: 'SMS', webhook: 'webhook' },
    footer: (o, c) =>
      `Otrzymujesz tę wiadomość, ponieważ alerty ${o} docierają do Ciebie kanałem: ${c}. Kanały wybierzesz w Crosspoint w Ustawienia › Alerty.`,
    smsResolved: 'rozwiązane',
  },
  zh: {
    labels: {
      disconnected: '已断开',
      monitoring_issue: '监控：Issue',
      monitoring_off: '监控：Off',
      Overflow: '超出套餐',
      Expired: '套餐已到期',
      Expiring: '套餐即将结束',
      configuration_drift: '配置已偏离',
    },
    still: '仍然',
    resolvedPrefix: '已解决',
    deviceIs: (n, c, r) => `${n} ${r ? '仍' : ''}处于“${c}”状态`,
    deviceBack: (n, c, now) => `${n} 已不再处于“${c}”状态${now ? `（当前：${now}）` : ''}`,
    serverDown: (n, r) => `服务器 ${n} ${r ? '仍' : ''}处于断开状态`,
    serverBack: (n) => `服务器 ${n} 已重新连接`,
    monitorReports: (n, st, r) => `服务器 ${n} 的监控系统${r ? '仍' : ''}报告 ${st}`,
    monitorBack: (n, st) => `服务器 ${n} 的监控系统已不再报告 ${st}`,
    overflow: (n, d, m) => `${n} 使用的 Pro Audio 设备超出其服务套餐允许的数量（${s(d)}/${s(m)}）`,
    overflowBack: (n) => `${n} 已重新回到服务套餐范围内`,
    planExtended: (n) => `${n} 的服务套餐已延长`,
    planEnded: (n, d) => `${n} 的服务套餐已于 ${d} 结束`,
    planEnds: (n, d) => `${n} 的服务套餐将于 ${d} 结束`,
    driftIs: (n, r) => `${n} 的配置${r ? '仍' : ''}与批准的基准不同`,
    driftBack: (n) => `${n} 的配置已重新与基准一致`,
    driftChanges: (k) => `与基准不同之处（设置数：${s(k)}）：`,
    since: (at) => `，始于 ${at}`,
    noticed: (at) => `（发现于 ${at}）`,
    was: (l, f, t, d) => `“${l}”状态从 ${f} 持续到 ${t}（${d}）。`,
    organization: '组织',
    device: '设备',
    where: '连接',
    location: '位置',
    rule: '告警规则',
    serverFold: (down, all, folded) =>
      `此服务器的 ${s(all)} 台设备中有 ${s(down)} 台离线${folded ? `；其中 ${s(folded)} 台的告警已并入本告警` : ''}。`,
    hostFold: (n) => `此设备的 P-Link 外设也有 ${s(n)} 台离线；其告警已并入本告警。`,
    open: '打开',
    channel: { email: '电子邮件', sms: '短信', webhook: 'Webhook' },
    footer: (o, c) =>
      `您收到此消息，是因为 ${o} 的告警通过${c}发送给您。请在 Crosspoint 的“设置 › 告警”中选择您的渠道。`,
    smsResolved: '已解决',
  },
  ko: {
    labels: {
      disconnected: '연결 끊김',
      monitoring_issue: '모니터링: Issue',
      monitoring_off: '모니터링: Off',
      Overflow: '플랜 초과',
      Expired: '플랜 만료',
      Expiring: '플랜 종료 예정',
      configuration_drift: '구성 이탈',
    },
    still: '계속',
    resolvedPrefix: '해결됨',
    deviceIs: (n, c, r) => `${n}: ${r ? '계속 ' : ''}${c} 상태`,
    deviceBack: (n, c, now) => `${n}: 더 이상 ${c} 상태가 아님${now ? `(현재 ${now})` : ''}`,
    serverDown: (n, r) => `서버 ${n}: ${r ? '계속 ' : ''}연결 끊김`,
    serverBack: (n) => `서버 ${n}이(가) 다시 연결됨`,
    monitorReports: (n, st, r) => `서버 ${n}의 모니터링 시스템이 ${r ? '계속 ' : ''}${st} 보고`,
    monitorBack: (n, st) => `서버 ${n}의 모니터링 시스템이 더 이상 ${st}을(를) 보고하지 않음`,
    overflow: (n, d, m) =>
      `${n}이(가) 서비스 플랜이 허용하는 것보다 많은 Pro Audio 장치를 사용 중(${s(m)}대 중 ${s(d)}대)`,
    overflowBack: (n) => `${n}이(가) 다시 서비스 플랜 범위 안에 있음`,
    planExtended: (n) => `${n}의 서비스 플랜이 연장됨`,
    planEnded: (n, d) => `${n}의 서비스 플랜이 ${d}에 종료됨`,
    planEnds: (n, d) => `${n}의 서비스 플랜이 ${d}에 종료 예정`,
    driftIs: (n, r) => `${n}의 구성이 ${r ? '계속 ' : ''}승인된 기준과 다릅니다`,
    driftBack: (n) => `${n}의 구성이 다시 기준과 일치합니다`,
    driftChanges: (k) => `기준과 다른 점(설정 ${s(k)}개):`,
    since: (at) => `(${at}부터)`,
    noticed: (at) => `(${at}에 확인)`,
    was: (l, f, t, d) => `${f}부터 ${t}까지 ${l} 상태(${d}).`,
    organization: '조직',
    device: '장치',
    where: '연결',
    location: '위치',
    rule: '알림 규칙',
    serverFold: (down, all, folded) =>
      `이 서버의 장치 ${s(all)}대 중 ${s(down)}대가 다운${folded ? `. 그중 ${s(folded)}대의 알림이 이 알림에 포함됨` : ''}.`,
    hostFold: (n) => `이 장비의 P-Link 주변 장치 ${s(n)}대도 다운. 해당 알림은 이 알림에 포함됨.`,
    open: '열기',
    channel: { email: '이메일', sms: 'SMS', webhook: '웹훅' },
    footer: (o, c) =>
      `${o}의 알림을 ${c}(으)로 받도록 설정되어 있어 이 메시지를 받았습니다. Crosspoint의 설정 › 알림에서 채널을 선택하세요.`,
    smsResolved: '해결됨',
  },
  ja: {
    labels: {
      disconnected: '切断',
      monitoring_issue: '監視: Issue',
      monitoring_off: '監視: Off',
      Overflow: 'プラン超過',
      Expired: 'プラン期限切れ',
      Expiring: 'プラン終了予定',
      configuration_drift: '設定の逸脱',
    },
    still: '継続',
    resolvedPrefix: '解決',
    deviceIs: (n, c, r) => `${n} は${r ? '引き続き' : ''}「${c}」です`,
    deviceBack: (n, c, now) => `${n} は「${c}」ではなくなりました${now ? `（現在: ${now}）` : ''}`,
    serverDown: (n, r) => `サーバー ${n} は${r ? '引き続き' : ''}切断されています`,
    serverBack: (n) => `サーバー ${n} は再接続されました`,
    monitorReports: (n, st, r) =>
      `サーバー ${n} の監視システムが${r ? '引き続き' : ''} ${st} を報告しています`,
    monitorBack: (n, st) => `サーバー ${n} の監視システムは ${st} を報告しなくなりました`,
    overflow: (n, d, m) =>
      `${n} はサービスプランの上限を超える Pro Audio デバイスを使用しています（${s(d)}/${s(m)}）`,
    overflowBack: (n) => `${n} は再びサービスプランの範囲内です`,
    planExtended: (n) => `${n} のサービスプランが延長されました`,
    planEnded: (n, d) => `${n} のサービスプランは ${d} に終了しました`,
    planEnds: (n, d) => `${n} のサービスプランは ${d} に終了します`,
    driftIs: (n, r) => `${n} の設定が${r ? '引き続き' : ''}承認済みのベースラインと異なります`,
    driftBack: (n) => `${n} の設定は再びベースラインと一致しています`,
    driftChanges: (k) => `ベースラインとの差分（設定 ${s(k)} 件）:`,
    since: (at) => `（${at} から）`,
    noticed: (at) => `（${at} に検知）`,
    was: (l, f, t, d) => `「${l}」は ${f} から ${t} まで続きました（${d}）。`,
    organization: '組織',
    device: 'デバイス',
    where: '接続',
    location: 'ロケーション',
    rule: 'アラートルール',
    serverFold: (down, all, folded) =>
      `このサーバーのデバイス ${s(all)} 台のうち ${s(down)} 台がダウンしています${folded ? `。うち ${s(folded)} 台のアラートはこのアラートに統合されています` : ''}。`,
    hostFold: (n) =>
      `この機器の P-Link 周辺機器 ${s(n)} 台もダウンしています。それらのアラートはこのアラートに統合されています。`,
    open: '開く',
    channel: { email: 'メール', sms: 'SMS', webhook: 'Webhook' },
    footer: (o, c) =>
      `${o} のアラートを${c}で受け取る設定のため、このメッセージが届いています。チャネルは Crosspoint の「設定 › アラート」で選べます。`,
    smsResolved: '解決',
  },
  ar: {
    labels: {
      disconnected: 'غير متصل',
      monitoring_issue: 'المراقبة: Issue',
      monitoring_off: 'المراقبة: Off',
      Overflow: 'تجاوز الخطة',
      Expired: 'انتهت الخطة',
      Expiring: 'الخطة على وشك الانتهاء',
      configuration_drift: 'انحراف الإعدادات',
    },
    still: 'لا يزال',
    resolvedPrefix: 'تم الحل',
    deviceIs: (n, c, r) => `${n} ${r ? 'لا يزال في' : 'في'} حالة ${c}`,
    deviceBack: (n, c, now) => `${n} لم يعد في حالة ${c}${now ? ` (الآن ${now})` : ''}`,
    serverDown: (n, r) => `الخادم ${n} ${r ? 'لا يزال ' : ''}غير متصل`,
    serverBack: (n) => `الخادم ${n} متصل مجددًا`,
    monitorReports: (n, st, r) => `نظام مراقبة الخادم ${n} ${r ? 'لا يزال ' : ''}يبلّغ عن ${st}`,
    monitorBack: (n, st) => `نظام مراقبة الخادم ${n} لم يعد يبلّغ عن ${st}`,
    overflow: (n, d, m) => `تستخدم ${n} أجهزة Pro Audio أكثر مما تسمح به خطة الخدمة (${s(d)} من ${s(m)})`,
    overflowBack: (n) => `عادت ${n} ضمن خطة الخدمة`,
    planExtended: (n) => `مُدّدت خطة خدمة ${n}`,
    planEnded: (n, d) => `انتهت خطة خدمة ${n} في ${d}`,
    planEnds: (n, d) => `تنتهي خطة خدمة ${n} في ${d}`,
    driftIs: (n, r) => `إعدادات ${n} ${r ? 'لا تزال تختلف' : 'تختلف'} عن مرجعها المعتمد`,
    driftBack: (n) => `عادت إعدادات ${n} مطابقة لمرجعها`,
    driftChanges: (k) => `ما يختلف عن المرجع (عدد الإعدادات: ${s(k)}):`,
    since: (at) => `منذ ${at}`,
    noticed: (at) => `(لوحظ في ${at})`,
    was: (l, f, t, d) => `كانت الحالة ${l} من ${f} إلى ${t} (${d}).`,
    organization: 'المؤسسة',
    device: 'الجهاز',
    where: 'الاتصال',
    location: 'الموقع',
    rule: 'قاعدة التنبيه',
    serverFold: (down, all, folded) =>
      `الأجهزة المتوقفة على هذا الخادم: ${s(down)} من ${s(all)}${folded ? `؛ التنبيهات المدمجة في هذا التنبيه: ${s(folded)}` : ''}.`,
    hostFold: (n) =>
      `أجهزة P-Link الطرفية المتوقفة أيضًا في هذه الوحدة: ${s(n)}؛ وتنبيهاتها مدمجة في هذا التنبيه.`,
    open: 'فتح',
    channel: { email: 'البريد الإلكتروني', sms: 'الرسائل النصية', webhook: 'خطاف الويب' },
    footer: (o, c) =>
      `تصلك هذه الرسالة لأن تنبيهات ${o} تصلك عبر ${c}. اختر قنواتك في Crosspoint ضمن الإعدادات › التنبيهات.`,
    smsResolved: 'تم الحل',
  },
  ru: {
    labels: {
      disconnected: 'Отключён',
      monitoring_issue: 'Мониторинг: Issue',
      monitoring_off: 'Мониторинг: Off',
      Overflow: 'Превышение плана',
      Expired: 'План истёк',
      Expiring: 'План заканчивается',
      configuration_drift: 'Конфигурация отклонилась',
    },
    still: 'По-прежнему',
    resolvedPrefix: 'Устранено',
    deviceIs: (n, c, r) => `${n}: ${r ? 'по-прежнему ' : ''}состояние «${c}»`,
    deviceBack: (n, c, now) => `${n}: состояние «${c}» устранено${now ? ` (сейчас «${now}»)` : ''}`,
    serverDown: (n, r) => `Сервер ${n} ${r ? 'по-прежнему ' : ''}отключён`,
    serverBack: (n) => `Сервер ${n} снова подключён`,
    monitorReports: (n, st, r) => `Система мониторинга сервера ${n} ${r ? 'по-прежнему ' : ''}сообщает ${st}`,
    monitorBack: (n, st) => `Система мониторинга сервера ${n} больше не сообщает ${st}`,
    overflow: (n, d, m) =>
      `${n} использует больше устройств Pro Audio, чем позволяет сервисный план (${s(d)} из ${s(m)})`,
    overflowBack: (n) => `${n} снова в пределах сервисного плана`,
    planExtended: (n) => `Сервисный план ${n} продлён`,
    planEnded: (n, d) => `Сервисный план ${n} закончился ${d}`,
    planEnds: (n, d) => `Сервисный план ${n} заканчивается ${d}`,
    driftIs: (n, r) =>
      `Конфигурация ${n} ${r ? 'по-прежнему отличается' : 'отличается'} от утверждённого эталона`,
    driftBack: (n) => `Конфигурация ${n} снова совпадает с эталоном`,
    driftChanges: (k) => `Отличия от эталона (настроек: ${s(k)}):`,
    since: (at) => `с ${at}`,
    noticed: (at) => `(замечено ${at})`,
    was: (l, f, t, d) => `Состояние «${l}» с ${f} по ${t} (${d}).`,
    organization: 'Организация',
    device: 'Устройство',
    where: 'Подключение',
    location: 'Местоположение',
    rule: 'Правило оповещения',
    serverFold: (down, all, folded) =>
      `Недоступных устройств на этом сервере: ${s(down)} из ${s(all)}${folded ? `; их оповещений в этом: ${s(folded)}` : ''}.`,
    hostFold: (n) =>
      `Также недоступны периферийные устройства P-Link этого блока: ${s(n)}; их оповещения входят в это.`,
    open: 'Открыть',
    channel: { email: 'эл. почте', sms: 'SMS', webhook: 'веб-хуку' },
    footer: (o, c) =>
      `Вы получили это сообщение, потому что оповещения ${o} приходят вам по ${c}. Каналы выбираются в Crosspoint в разделе Настройки › Оповещения.`,
    smsResolved: 'устранено',
  },
};
