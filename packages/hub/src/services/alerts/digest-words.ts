/**
 * The words of grouped alert messages (one message for many devices, docs/alerts.md), in the 12
 * languages of the product. Counts take the language's plural form (Intl.PluralRules); the
 * sentences reuse the status names of the single messages.
 */
export interface DigestWords {
  /** "1,999 devices": `n` is the formatted count, `form` its plural category. */
  devices(n: string, form: Intl.LDMLPluralRule): string;
  /** "1,999 devices of Acme are Down" (`repeat`: "are still Down"). */
  are(devices: string, org: string, condition: string, repeat: boolean): string;
  /** "1,999 devices of Acme are no longer Down". */
  back(devices: string, org: string, condition: string): string;
  firstSince(at: string): string;
  byServer: string;
  byLocation: string;
  /** After the listed devices: "… and 1,979 more". */
  more(n: string): string;
  openList: string;
}

const pick = <T extends string>(
  form: Intl.LDMLPluralRule,
  forms: Partial<Record<Intl.LDMLPluralRule, T>>,
  other: T,
) => forms[form] ?? other;

/** English: the words of a language the hub does not know. */
export const digestEnglish: DigestWords = {
  devices: (n, f) => `${n} ${f === 'one' ? 'device' : 'devices'}`,
  are: (d, o, c, r) => `${d} of ${o} are ${r ? 'still ' : ''}${c}`,
  back: (d, o, c) => `${d} of ${o} are no longer ${c}`,
  firstSince: (at) => `the first since ${at}`,
  byServer: 'By server',
  byLocation: 'By location',
  more: (n) => `… and ${n} more`,
  openList: 'Open the list',
};

export const digestWords: Record<string, DigestWords> = {
  en: digestEnglish,
  de: {
    devices: (n, f) => `${n} ${f === 'one' ? 'Gerät' : 'Geräte'}`,
    are: (d, o, c, r) => `${d} von ${o} sind ${r ? 'weiterhin ' : ''}${c}`,
    back: (d, o, c) => `${d} von ${o} sind nicht mehr ${c}`,
    firstSince: (at) => `das erste seit ${at}`,
    byServer: 'Nach Server',
    byLocation: 'Nach Standort',
    more: (n) => `… und ${n} weitere`,
    openList: 'Liste öffnen',
  },
  fr: {
    devices: (n, f) => `${n} ${f === 'one' ? 'appareil' : 'appareils'}`,
    are: (d, o, c, r) => `${d} de ${o} sont ${r ? 'toujours ' : ''}en état ${c}`,
    back: (d, o, c) => `${d} de ${o} ne sont plus en état ${c}`,
    firstSince: (at) => `le premier depuis ${at}`,
    byServer: 'Par serveur',
    byLocation: 'Par emplacement',
    more: (n) => `… et ${n} de plus`,
    openList: 'Ouvrir la liste',
  },
  it: {
    devices: (n, f) => `${n} ${f === 'one' ? 'dispositivo' : 'dispositivi'}`,
    are: (d, o, c, r) => `${d} di ${o} sono ${r ? 'ancora ' : ''}in stato ${c}`,
    back: (d, o, c) => `${d} di ${o} non sono più in stato ${c}`,
    firstSince: (at) => `il primo dalle ${at}`,
    byServer: 'Per server',
    byLocation: 'Per posizione',
    more: (n) => `… e altri ${n}`,
    openList: 'Apri l’elenco',
  },
  es: {
    devices: (n, f) => `${n} ${f === 'one' ? 'dispositivo' : 'dispositivos'}`,
    are: (d, o, c, r) => `${d} de ${o} ${r ? 'siguen' : 'están'} en estado ${c}`,
    back: (d, o, c) => `${d} de ${o} ya no están en estado ${c}`,
    firstSince: (at) => `el primero desde ${at}`,
    byServer: 'Por servidor',
    byLocation: 'Por ubicación',
    more: (n) => `… y ${n} más`,
    openList: 'Abrir la lista',
  },
  pt: {
    devices: (n, f) => `${n} ${f === 'one' ? 'dispositivo' : 'dispositivos'}`,
    are: (d, o, c, r) => `${d} de ${o} ${r ? 'continuam' : 'estão'} com status ${c}`,
    back: (d, o, c) => `${d} de ${o} não estão mais com status ${c}`,
    firstSince: (at) => `o primeiro desde ${at}`,
    byServer: 'Por servidor',
    byLocation: 'Por local',
    more: (n) => `… e mais ${n}`,
    openList: 'Abrir a lista',
  },
  pl: {
    devices: (n, f) =>
      `${n} ${pick(f, { one: 'urządzenie', few: 'urządzenia', many: 'urządzeń' }, 'urządzenia')}`,
    are: (d, o, c, r) => `${o}: ${d} ${r ? 'nadal ' : ''}w stanie ${c}`,
    back: (d, o, c) => `${o}: ${d} już nie w stanie ${c}`,
    firstSince: (at) => `pierwsze od ${at}`,
    byServer: 'Według serwera',
    byLocation: 'Według lokalizacji',
    more: (n) => `… i ${n} więcej`,
    openList: 'Otwórz listę',
  },
  ru: {
    devices: (n, f) =>
      `${n} ${pick(f, { one: 'устройство', few: 'устройства', many: 'устройств' }, 'устройства')}`,
    are: (d, o, c, r) => `${o}: ${d} ${r ? 'по-прежнему ' : ''}в состоянии ${c}`,
    back: (d, o, c) => `${o}: ${d} больше не в состоянии ${c}`,
    firstSince: (at) => `первое с ${at}`,
    byServer: 'По серверам',
    byLocation: 'По расположениям',
    more: (n) => `… и ещё ${n}`,
    openList: 'Открыть список',
  },
  zh: {
    devices: (n) => `${n} 台设备`,
    are: (d, o, c, r) => `${o} 的 ${d}${r ? '仍' : ''}处于 ${c} 状态`,
    back: (d, o, c) => `${o} 的 ${d}已不再处于 ${c} 状态`,
    firstSince: (at) => `首台自 ${at} 起`,
    byServer: '按服务器',
    byLocation: '按位置',
    more: (n) => `… 另有 ${n} 台`,
    openList: '打开列表',
  },
  ko: {
    devices: (n) => `기기 ${n}대`,
    are: (d, o, c, r) => `${o}의 ${d}가 ${r ? '여전히 ' : ''}${c} 상태입니다`,
    back: (d, o, c) => `${o}의 ${d}가 더 이상 ${c} 상태가 아닙니다`,
    firstSince: (at) => `첫 기기는 ${at}부터`,
    byServer: '서버별',
    byLocation: '위치별',
    more: (n) => `… 외 ${n}대`,
    openList: '목록 열기',
  },
  ja: {
    devices: (n) => `${n} 台のデバイス`,
    are: (d, o, c, r) => `${o} の ${d}が${r ? '引き続き' : ''} ${c} です`,
    back: (d, o, c) => `${o} の ${d}は ${c} ではなくなりました`,
    firstSince: (at) => `最初は ${at} から`,
    byServer: 'サーバー別',
    byLocation: '場所別',
    more: (n) => `… ほか ${n} 台`,
    openList: '一覧を開く',
  },
  ar: {
    devices: (n, f) =>
      pick(
        f,
        { zero: `${n} جهاز`, one: 'جهاز واحد', two: 'جهازان', few: `${n} أجهزة`, many: `${n} جهازًا` },
        `${n} جهاز`,
      ),
    are: (d, o, c, r) => `${d} في ${o} ${r ? 'لا تزال ' : ''}في حالة ${c}`,
    back: (d, o, c) => `${d} في ${o} لم تعد في حالة ${c}`,
    firstSince: (at) => `الأول منذ ${at}`,
    byServer: 'حسب الخادم',
    byLocation: 'حسب الموقع',
    more: (n) => `… و${n} أخرى`,
    openList: 'افتح القائمة',
  },
};
