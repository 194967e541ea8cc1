import type { HelpBodies } from '../help-bodies.ts';

/** The help pages' bodies in Polish, per topic id, paragraph for paragraph (topics.ts). */
const bodies: HelpBodies = {
  'monitoring-devices': [
    'Pro Audio wyświetla urządzenia CONVERGE Pro 2, CONVERGE Huddle, BMA 360D i P-Link (ekspandery, mikrofony, DIALOG 20), które znalazły agenty w twoich obiektach; Wideo wyświetla urządzenia COLLABORATE Live. Każdy wiersz pokazuje stan urządzenia, model, nazwę, numer seryjny, połączenia (podsieć › stack › C-Link/P-Link), lokalizację, firmware i adres dostępu.',
    'Stany zmieniają się na żywo, dopóki w nagłówku widać znacznik „Na żywo”: urządzenie, które przestaje odpowiadać, w ciągu minuty staje się Niedostępne i samo wraca do stanu Sprawne, gdy znów odpowie.',
    'Otwórz urządzenie, aby zobaczyć jego dane, historię stanów i działania, na które pozwala twoja rola. Niedostępne, Problemy i Sprawne na Pulpicie otwierają tę listę już przefiltrowaną.',
  ],
  dashboard: [
    'Wykres dzieli urządzenia na Niedostępne, Problemy i Sprawne. Kliknij wycinek lub jego legendę, aby otworzyć listę urządzeń przefiltrowaną według niego.',
    'Problemy to wszystkie stany, które nie są ani Niedostępne, ani Sprawne: Logowanie nieudane, PRZEGRZANIE!, Niekompletny stack, Rejestracja VoIP nieudana, Wyciszenie bezpieczeństwa włączone, Dioda lokalizacji włączona, Ponad plan i inne.',
    'Pulpit odświeża się sam, dopóki w nagłówku widać znacznik „Na żywo”.',
  ],
  statuses: [
    'Niedostępne: urządzenie nie odpowiada w sieci. Sprawdź zasilanie i kabel, a potem podsieć agenta.',
    'Logowanie nieudane: urządzenie odrzuciło nazwę użytkownika i hasło agenta. Użyj działania „Zmień dane logowania…” na stronie urządzenia, aby agent i każda jednostka stacku używały tych samych danych logowania.',
    'Niekompletny stack / Niezgodny stack: jednostka lub urządzenie P-Link ze stacku jest offline albo zgłasza inną nazwę stacku.',
    'Wyciszenie bezpieczeństwa włączone i Dioda lokalizacji włączona to stany ustawione przez kogoś celowo; wyłącz je w działaniach urządzenia po zakończeniu pracy.',
    'Ponad plan: organizacja ma więcej urządzeń, niż pozwala jej plan serwisowy; najnowsze z nich są pokazywane jako Ponad plan, dopóki plan nie zostanie zwiększony.',
    'Aktualizacja firmware, Ponowne uruchamianie..., Konfigurowanie: na urządzeniu trwa zadanie; urządzenie wróci samo.',
  ],
  devices: [
    'Wpisz tekst w polu wyszukiwania, aby znaleźć nazwy, numery seryjne, modele, adresy, firmware i połączenia. Filtry łączą się z wyszukiwaniem.',
    'Kliknij tytuł kolumny, aby posortować według niej; kliknij ponownie, aby odwrócić kolejność. Wybierz potrzebne kolumny w menu „Kolumny”.',
    '„Pobierz CSV” zapisuje wszystkie urządzenia bieżącego widoku (wyszukiwanie, filtry, kolumny), a nie tylko wiersze widoczne na ekranie.',
  ],
  'selecting-devices': [
    'Zaznacz pole na początku wiersza, aby wybrać urządzenie, albo pole w tytule kolumny, aby wybrać wszystkie urządzenia widoczne na liście (po wyszukiwaniu i filtrach).',
    'Pasek zaznaczenia oferuje wtedy to, co można zrobić ze wszystkimi naraz: przypisać je do lokalizacji albo uruchomić działanie, takie jak lokalizacja, wyciszenie bezpieczeństwa czy aktualizacja firmware. Każde urządzenie staje się zadaniem; pasek pokazuje, ile zadań się zakończyło, a ile nie powiodło.',
    '„Wyczyść zaznaczenie” je opróżnia. Zaznaczenie zostaje zachowane podczas sortowania i przechodzenia między stronami listy.',
  ],
  actions: [
    'Każde działanie staje się zadaniem: jego postęp widać na żywo, a Historia organizacji zapisuje, kto je uruchomił.',
    'Ponowne uruchomienie, restart VoIP, wczytanie konfiguracji i zmiana danych logowania wymagają potwierdzenia: urządzenie może być przez chwilę niedostępne.',
    'Jeśli agent urządzenia jest offline, zadanie czeka na niego do dwóch minut, a potem kończy się niepowodzeniem z jasno podaną przyczyną.',
  ],
  'locate-light': [
    'Dioda lokalizacji sprawia, że lampki na panelu przednim urządzenia migają, dzięki czemu technik znajdzie właściwą jednostkę w szafie rack lub w suficie.',
    'Na stronie urządzenia wybierz „Włącz lokalizację”; urządzenie pokazuje stan Dioda lokalizacji włączona, dopóki nie wybierzesz „Wyłącz lokalizację”. Gdy na liście zaznaczonych jest kilka urządzeń, pasek zaznaczenia włącza lub wyłącza diodę lokalizacji dla wszystkich.',
    'Dioda lokalizacji włączona liczy się do Problemów na Pulpicie, więc pozostawiona włączona dioda nie umknie uwadze.',
  ],
  'device-credentials': [
    'Stack CONVERGE Pro 2 ma jedne dane logowania (nazwę użytkownika i hasło) dla wszystkich swoich jednostek. Agent używa ich w swojej sesji; błędne dane dają stan Logowanie nieudane.',
    'Na stronie urządzenia „Zmień dane logowania…” ustawia nową nazwę użytkownika i hasło na każdej jednostce stacku. Agent przechowuje nowe hasło zaszyfrowane na swoim serwerze i od tej chwili loguje się nim.',
    'Jeśli dane logowania zmieniono poza Crosspoint, wpisz nowe za pomocą tego samego działania, aby agent mógł znów się zalogować.',
  ],
  'backup-config': [
    '„Utwórz kopię konfiguracji” na stronie urządzenia prosi agenta o pobranie pliku projektu stacku (.PCCP2X) przez FTP i wysłanie go do huba. Wymaga to włączonego FTP na urządzeniu.',
    'Plik pojawia się w wynikach zadania: Administratorzy i Właściciele mogą go pobrać, ponieważ może zawierać dane logowania stacku.',
    'Każda kopia różniąca się od poprzedniej jest też zachowywana jako wersja konfiguracji (zobacz Wersje konfiguracji), łącznie z kopiami nocnymi.',
  ],
  'restore-config': [
    'W sekcji Wersje konfiguracji na stronie urządzenia „Przywróć” wczytuje zachowaną wersję z powrotem do urządzenia; „Przywróć wzorzec” wczytuje wersję zatwierdzoną.',
    'Najpierw tworzona jest kopia, więc zastępowana konfiguracja nigdy nie przepada. Podczas wczytywania urządzenie jest niedostępne, a dźwięk może się przerwać.',
    'Wersję jednego modelu można też przywrócić na innym urządzeniu tego samego modelu.',
  ],
  'load-config': [
    '„Wczytaj konfigurację…” przesyła plik projektu (.PCCP2X) z twojego komputera i wczytuje go do urządzenia. Projekt zastępuje całą konfigurację: nazwę stacku, dane logowania, makra i ustawienia.',
    'Plik jest sprawdzany przed wysłaniem do agenta; przesyłanie pokazuje postęp. Kopia jest tworzona przed wczytaniem i druga po nim.',
    'Podczas wczytywania projektu dźwięk może się przerwać; wybierz spokojny moment.',
  ],
  ftp: [
    'CONVERGE Pro 2 przesyła pliki konfiguracji i dzienniki przez FTP. „Włącz FTP” i „Wyłącz FTP” na stronie urządzenia przełączają je w całym stacku.',
    'Kopie, przywracanie i pobieranie dzienników wymagają włączonego FTP; poza tym zostaw je wyłączone, jeśli wymaga tego polityka twojej sieci.',
  ],
  'firmware-badges': [
    'Gdy dla modelu urządzenia zostanie opublikowany pakiet firmware nowszy niż firmware urządzenia, kolumna Firmware pokazuje „Dostępna aktualizacja” z numerem wersji; tak samo strona urządzenia.',
    'Oznaczenie pochodzi z katalogu firmware: pakiety operatora platformy, twojej organizacji i twojej organizacji serwisowej. Wycofany pakiet nie daje oznaczenia.',
    'Przefiltruj listę urządzeń według kolumny Firmware, aby znaleźć wszystkie urządzenia, które można zaktualizować.',
  ],
  'updating-firmware': [
    'Jedno lub kilka urządzeń: „Aktualizuj firmware…” na stronie urządzenia lub na pasku zaznaczenia przesyła obraz raz i zapisuje go na każdym urządzeniu. Każde urządzenie uruchamia się ponownie i przez kilka minut jest niedostępne: nie wyłączaj go w tym czasie.',
    'Wiele urządzeń: opublikuj obraz w Firmware › Katalog, a potem uruchom kampanię (zobacz Kampanie firmware).',
    'Wyniki zadania pokazują firmware przed aktualizacją i po niej. Nieudana aktualizacja zostawia urządzenie na starym firmware i podaje przyczynę.',
  ],
  'firmware-campaigns': [
    'Kampania wdraża jeden pakiet firmware na wielu urządzeniach: najpierw w grupie pilotażowej, potem falami. Progi decydują, czy jest kontynuowana: jeśli zbyt wiele urządzeń z jednej fali zawiedzie, kampania się zatrzymuje.',
    'Kontrola stanu sprawdza, czy zaktualizowane urządzenia wracają sprawne, zanim ruszy następna fala; okna serwisowe ograniczają, kiedy fale są uruchamiane.',
    'Kampania może wymagać zatwierdzenia przez drugą osobę przed startem. Można ją wstrzymać, wznowić lub anulować; jej raport wymienia każde urządzenie z wynikiem i można go pobrać.',
  ],
  'configuration-versions': [
    'Hub przechowuje każdą konfigurację, jaką miało urządzenie: kopie nocne, kopie na żądanie oraz kopie przed każdą zmianą i po niej. Identyczna zawartość jest przechowywana raz.',
    'Wybierz dwie wersje i „Porównaj”, aby zobaczyć, co się zmieniło — w projekcie CONVERGE Pro 2 ustawienie po ustawieniu.',
    'Ustaw jedną wersję jako wzorzec, czyli zatwierdzoną przez ciebie konfigurację. Gdy urządzenie przestaje ją mieć, strona urządzenia to pokazuje, a reguła alertu (konfiguracja odbiega od wzorca) może powiadomić wskazane osoby; „Przyjmij jako nowy wzorzec” lub „Przywróć wzorzec” rozwiązuje sprawę.',
  ],
  communications: [
    'Komunikacja obejmuje telefoniczną stronę urządzenia: rejestrację VoIP i usługi, których CONVERGE Pro 2 używa do połączeń.',
    '„Stan rejestracji VoIP” pyta urządzenie o stan każdej linii; Rejestracja VoIP nieudana oznacza, że linia nie jest zarejestrowana na swoim serwerze SIP. Sprawdź serwer, konto i sieć, a potem wybierz „Uruchom ponownie VoIP”.',
    'Oczekuje restart VoIP pojawia się po zmianie ustawień wymagających restartu VoIP; Awaria usługi komunikacji oznacza, że usługa komunikacji urządzenia się zatrzymała: uruchom urządzenie ponownie.',
  ],
  'collaborate-link': [
    'Urządzenia wideo COLLABORATE Live pojawiają się w sekcji Wideo, znalezione przez agenta tak jak urządzenia Pro Audio; widać tam ich stan, model, numer seryjny i firmware. Kodek, który utraci rejestrację w COLLABORATE Space, pokazuje Awaria usługi komunikacji.',
    'Ustawienia › Moje konto › Łączenie z COLLABORATE Space: „Połącz moje konto” przenosi cię na stronę logowania COLLABORATE Space; zezwól tam na dostęp, a wrócisz z połączonym kontem. Crosspoint przechowuje przyznany dostęp zaszyfrowany i go odnawia; „Rozłącz moje konto” go usuwa. W przypadku lokalnej instalacji COLLABORATE Space najpierw wpisz jej adres.',
    'Właściciel lub Administrator łączy też organizację („Połącz organizację”). Pulpit pokazuje wtedy w sekcji Współpraca wideo urządzenia wideo według stanu, użytkowników COLLABORATE Space według obecności (dostępny, zajęty, nieobecny, niedostępny), wszystkie licencje oraz ostatnie połączenia i spotkania, odświeżane co kilka sekund. Gdy COLLABORATE Space nie odpowiada, Pulpit pokazuje „COLLABORATE Space jest nieosiągalny”, a reszta nadal działa.',
    'Gdy twoje połączone konto COLLABORATE Space jest tam administratorem, okno Dodaj użytkowników oferuje „Utwórz także jako użytkowników COLLABORATE Space”; okno dialogowe podaje dla każdej osoby, czy się udało.',
  ],
  'locations-tree': [
    'Lokalizacje pokazują twoje miejsca w postaci drzewa: regiony, obiekty, budynki, piętra i sale. Strzałka przed nazwą rozwija lub zwija zawartość; wyszukiwanie pokazuje każde trafienie z pełną ścieżką.',
    'Lokalizacje urządzeń na Pulpicie i filtr lokalizacji na liście urządzeń korzystają z tego samego drzewa: filtr według budynku obejmuje jego piętra i sale.',
  ],
  'managing-locations': [
    '„Dodaj lokalizację” tworzy miejsce na najwyższym poziomie; „Dodaj wewnątrz” w wierszu tworzy miejsce w jego wnętrzu. Edytuj wiersz, aby zmienić nazwę, rodzaj lub przenieść go w inne miejsce drzewa.',
    'Przypisuj urządzenia z listy urządzeń: zaznacz je, a potem wybierz „Przypisz do lokalizacji…”. Konto serwera też może mieć lokalizację — dla urządzeń, które wnosi.',
    'Usunięcie miejsca, które nadal zawiera miejsca lub urządzenia, jest odrzucane: najpierw je przenieś.',
  ],
  'pro-audio-subnet': [
    'Agent szuka urządzeń w podsieciach podanych przy uruchomieniu (--subnets CIDR[:port][@interfejs], np. 192.168.10.0/24@eth0) i utrzymuje sesję z każdym znalezionym urządzeniem.',
    'Na własnej stronie WWW agenta (http://localhost:8090 na serwerze obiektu, chyba że uruchomiono go z innym --ui-port) sekcja Podsieci je wymienia: włącz lub wyłącz każdą z nich, a „Wykryj teraz” od razu je przeszukuje. Wyłączona podsieć nie jest ani przeszukiwana, ani odpytywana; jej urządzenia mają stan Niemonitorowane, a nie Niedostępne.',
    'Ekran Serwery w hubie pokazuje, ile podsieci każdego agenta jest włączonych.',
  ],
  servers: [
    'Serwery › Dodaj konto serwera agenta: wybierz nazwę i hasło (co najmniej 8 znaków, w tym litera, cyfra i znak specjalny).',
    'W obiekcie uruchom agenta i wpisz adres huba, login agenta dla konta („Nazwa@kod”: widoczny po dodaniu konta i w kolumnie Login agenta na liście serwerów, zawsze z przyciskiem Kopiuj) oraz hasło. Zobacz Pliki do pobrania.',
    'Serwer jest Połączony, dopóki jego agent utrzymuje łącze; tutaj widać liczbę jego urządzeń i włączone podsieci.',
  ],
  'monitoring-servers': [
    'Serwery wymieniają konta serwerów agentów: czy każdy agent jest Połączony, jego system monitorowania (Aktywny, Problem, Wyłączony), wersję, obciążenie, włączone podsieci i kiedy był ostatnio widziany.',
    'Serwer, którego monitorowanie zgłasza Problem, podaje przyczyny: zawodzące skanowanie podsieci, rosnący bufor, rozbieżność zegara, odrzucane dane uwierzytelniające, wysokie użycie CPU lub pamięci.',
    'Reguła alertu typu „serwer się rozłącza lub jego monitorowanie ma problem” powiadamia wskazane osoby e-mailem, SMS-em lub webhookiem.',
  ],
  'agent-install': [
    'Pliki do pobrania oferują agenta: jeden plik dla systemu Linux lub Windows z Node.js 20. Sprawdź jego SHA-256, a potem zainstaluj go jako usługę (systemd w Linuksie, WinSW w Windows), tak jak pokazuje strona.',
    'Agent łączy się z hubem ruchem wychodzącym: nie jest potrzebna żadna reguła zapory dla ruchu przychodzącego. Jego pierwsze hasło administratora jest w jego dzienniku.',
    'Agenty aktualizują się same z huba, gdy są ustawione na tryb automatyczny; w przeciwnym razie Serwery pokazują „Dostępna aktualizacja” z przyciskiem Aktualizuj.',
  ],
  'useful-links': [
    'Pliki do pobrania: agent dla twoich obiektów i sposób jego instalacji. Pomoc: te strony; przeszukuj je polem w nagłówku.',
    'API: na nim zbudowany jest każdy ekran; jego opis jest pod adresem /api/docs na tym hubie, a tokeny API (Ustawienia › Tokeny API) pozwalają skryptom z niego korzystać.',
    'Stan huba (operator platformy): baza danych, magistrala zdarzeń i połączone agenty w jednym widoku.',
  ],
  alerts: [
    'Reguła alertu określa, co obserwować (stany urządzeń, rozłączenie serwera, przekroczenie lub koniec planu), jak długo czekać przed powiadomieniem, jak często je powtarzać i którymi kanałami: e-mail, SMS, webhook.',
    'Incydenty pokazują, co nie działa teraz; Dziennik wysyłek pokazuje każdą wiadomość wysłaną, wstrzymaną lub nieudaną. Okno serwisowe wycisza alerty organizacji, lokalizacji lub urządzenia.',
    'Każda osoba wybiera w Ustawienia › Moje konto, alerty których organizacji docierają do niej e-mailem i SMS-em; wiadomości przychodzą w jej języku.',
  ],
  users: [
    'Właściciele mogą wszystko, łącznie z zarządzaniem innymi Właścicielami. Administratorzy zarządzają użytkownikami, serwerami, lokalizacjami i urządzeniami. Obserwatorzy widzą wszystko i niczego nie zmieniają.',
    'Użytkownicy › Dodaj użytkowników zaprasza jeden lub wiele adresów e-mail naraz, z rolą i językiem. Zaproszony użytkownik ustawia hasło z wiadomości e-mail, napisanej w wybranym języku.',
    'Członkowie organizacji serwisowej działają w jej organizacjach klientów z tą samą rolą.',
  ],
  'sign-in-ldap': [
    'Ustawienia › Logowanie › LDAP / Active Directory podłącza twój katalog: jego serwer, konto do powiązania (bind), miejsce wyszukiwania osób i to, które grupy dają którą rolę.',
    'Użytkownicy logują się wtedy na zwykłej stronie logowania jako DOMENA\\nazwa lub nazwa@domena, hasłem z katalogu; konto powstaje przy pierwszym logowaniu, a rola podąża za grupami przy każdym logowaniu.',
    '„Testuj połączenie” i „Testuj użytkownika” sprawdzają ustawienia, zanim ktokolwiek zacznie na nich polegać.',
  ],
  'sign-in-oidc': [
    'Ustawienia › Logowanie › OpenID Connect dodaje dostawcę (Microsoft Entra ID, Okta, Google Workspace, Keycloak…): URL wystawcy, identyfikator i sekret klienta oraz reguły przypisujące role według wartości oświadczeń (claims).',
    'Zarejestruj u dostawcy pokazany tam adres URI przekierowania. Strona logowania oferuje wtedy „Zaloguj przez …”; bez wartości oświadczenia dającej rolę nikt nie może się w ten sposób zalogować.',
  ],
  'two-factor': [
    'Ustawienia › Moje konto › Logowanie dwuskładnikowe dodaje do hasła 6-cyfrowy kod z aplikacji uwierzytelniającej. Zachowaj kody odzyskiwania, pokazywane tylko raz: każdy pozwala zalogować się jeden raz, jeśli zgubisz telefon.',
    'Właściciele mogą wymagać logowania dwuskładnikowego od wszystkich członków (Ustawienia › Logowanie). Wyjątkiem są osoby logujące się przez dostawcę OpenID: to dostawca prosi je o drugi składnik.',
  ],
  'api-tokens': [
    'Ustawienia › Tokeny API tworzy token dla skryptów i integracji, z okresem ważności i, jeśli chcesz, z rolą Obserwator tylko do odczytu. Sekret jest pokazywany tylko raz: skopiuj go od razu.',
    'Token przestaje działać, gdy wygaśnie, gdy zostanie unieważniony i gdy tylko osoba, która go utworzyła, opuści organizację lub straci swoją rolę.',
  ],
  history: [
    'Historia zapisuje, kto, co i kiedy zrobił w organizacji: logowania, użytkownicy, organizacje klientów, serwery, lokalizacje, tokeny API, zmiany licencji i działania na urządzeniach.',
    'Przeszukuj ją, filtruj według obszaru i dat; wykres pokazuje działania dziennie dla wczytanych danych.',
  ],
  clients: [
    'Organizacje › Dodaj organizację klienta: wpisz nazwę i pierwszego właściciela (zalecany jest członek twojej organizacji), a potem plan serwisowy: liczbę urządzeń Pro Audio z twojej licencjonowanej puli i daty.',
    'Sprawdź i dodaj. Klient ma stan Zaproszony, dopóki ktoś w nim nie zacznie pracować, Aktywny, gdy plan trwa, Wygasł po dacie zakończenia i Przekroczenie, gdy ma więcej urządzeń niż plan.',
    'Użyj Wybierz organizację…, aby pracować w kliencie na własnym koncie. „Zwolnij” w wierszu klienta kończy opiekę nad nim: zachowuje on wszystko, a jego Właściciele mogą znów przypisać go do organizacji serwisowej.',
  ],
  rollup: [
    'Twój Pulpit, listy Pro Audio i Wideo, Serwery, Alerty i Historia obejmują urządzenia i zdarzenia wszystkich klientów, a każdy wiersz podaje swoją organizację. Nie trzeba niczego przełączać: to widok twojej organizacji serwisowej.',
    '„Klienci według stanu” na Pulpicie stawia na początku klientów z największą liczbą urządzeń Niedostępnych, a potem tych z problemami. Kliknij klienta albo jego liczbę Niedostępnych lub Problemów, aby otworzyć listę urządzeń przefiltrowaną według niego.',
    'Każdy klient widzi tylko własne urządzenia i zdarzenia, nigdy cudze.',
  ],
  usage: [
    'Wykorzystanie pokazuje monitorowane urządzenia na dobę UTC, Pro Audio i Wideo: szczyt i urządzenio-dni (urządzenia × godziny ÷ 24). Średnia miesiąca to jego urządzenio-dni podzielone przez liczbę jego dni.',
    'Urządzenia ponad plan nie są liczone. Zmiany planu w danym miesiącu są wymienione pod tabelą; „Pobierz CSV” zapisuje miesiąc.',
    'Organizacja serwisowa widzi wykorzystanie każdego klienta w sekcji Organizacje.',
  ],
  invoices: [
    'Ustawienia rozliczeń zawierają twoje ceny za urządzenie Pro Audio i Wideo (miesięcznie lub rocznie), minimum na fakturę, podatek, termin płatności, numerację i przypomnienia.',
    'Szkice powstają z wykorzystania każdego klienta w danym miesiącu — ręcznie lub 2. dnia następnego miesiąca. Sprawdź i popraw szkic, a potem wystaw go: otrzymuje numer i jest wysyłany e-mailem z plikiem PDF do osoby kontaktowej klienta ds. rozliczeń, w jej języku.',
    'Oznaczaj faktury jako zapłacone; zaległe otrzymują ustawione przypomnienia. Anulowana faktura zachowuje numer i nie dostaje przypomnień.',
  ],
  license: [
    'Bez licencji edycja Enterprise monitoruje do 5 urządzeń. W Ustawienia › Subskrypcja i licencja wybierz plik licencji, aby odblokować jej pojemność.',
    'Plik licencji jest podpisany; zmodyfikowany lub wygasły plik zostaje odrzucony z podaniem przyczyny.',
    'Od 30 dni przed wygaśnięciem licencji Właściciele i Administratorzy widzą baner z liczbą pozostałych dni. Po wygaśnięciu licencja utrzymuje swoje urządzenia przez okres przejściowy (14 dni, o ile hub nie ma innego ustawienia); potem edycja Enterprise znów monitoruje 5 urządzeń.',
  ],
  operators: [
    'Organizacje wymieniają organizacje serwisowe (integratorów AV). Dodaj organizację z jej licencjonowaną pulą urządzeń i adresem e-mail jej właściciela.',
    'Stan huba pokazuje wersję, bazę danych, magistralę zdarzeń i to, czy odpowiada każda zależność.',
    'Poczta, której hub nie może wysłać (brak skonfigurowanego SMTP), zostaje w skrzynce nadawczej: GET /api/v1/outbox.',
  ],
  languages: [
    'Crosspoint mówi po angielsku, francusku, włosku, hiszpańsku, niemiecku, portugalsku, polsku, chińsku (uproszczonym), koreańsku, japońsku, arabsku i rosyjsku. Wybierz swój język w menu języka w nagłówku lub w Ustawienia › Moje konto: ekrany zmieniają się od razu, a e-maile i SMS-y do ciebie też są w tym języku.',
    'Arabski czyta się od prawej do lewej: menu, tabele i okna dialogowe są odbite lustrzanie.',
    'Strony pomocy, których jeszcze nie przetłumaczono na twój język, są wyświetlane po angielsku z informacją o tym.',
  ],
};

export default bodies;
