import type { HelpBodies } from '../help-bodies.ts';

/** The help pages' bodies in Spanish, per topic id, paragraph for paragraph (topics.ts). */
const bodies: HelpBodies = {
  'monitoring-devices': [
    'Pro Audio muestra los dispositivos CONVERGE Pro 2, CONVERGE Huddle, BMA 360D y P-Link (expansores, micrófonos, DIALOG 20) que han encontrado los agentes de sus sedes; Vídeo muestra los dispositivos COLLABORATE Live. Cada fila indica el estado, el modelo, el nombre, el número de serie, las conexiones (subred › stack › C-Link/P-Link), la ubicación, el firmware y la dirección de acceso del dispositivo.',
    'Los estados cambian en directo mientras la marca «En directo» aparece en el encabezado: un dispositivo que deja de responder pasa a Caído en menos de un minuto, y vuelve a Correcto por sí solo cuando responde de nuevo.',
    'Abra un dispositivo para ver sus datos, el historial de estados y las acciones que su rol permite. Caídos, Incidencias y Correctos en el Panel abren esta lista ya filtrada.',
  ],
  dashboard: [
    'El gráfico agrupa los dispositivos en Caídos, Incidencias y Correctos. Haga clic en un sector o en su leyenda para abrir la lista de dispositivos filtrada por él.',
    'Las incidencias son todos los estados que no son ni Caído ni Correcto: Error de inicio de sesión, ¡SOBRECALENTAMIENTO!, Stack incompleto, Error de registro VoIP, Silencio de seguridad activado, Luz de localización encendida, Excedido y los demás.',
    'El panel se actualiza solo mientras la marca «En directo» aparece en el encabezado.',
  ],
  statuses: [
    'Caído: el dispositivo no responde en la red. Compruebe la alimentación y el cable y, después, la subred del agente.',
    'Error de inicio de sesión: el dispositivo rechazó el usuario y la contraseña del agente. Use la acción «Cambiar inicio de sesión…» en la página del dispositivo para que el agente y todas las unidades del stack usen las mismas credenciales.',
    'Stack incompleto / Stack no coincidente: una unidad o un dispositivo P-Link del stack está desconectado, o indica otro nombre de stack.',
    'Silencio de seguridad activado y Luz de localización encendida son estados que alguien activó a propósito; desactívelos desde las acciones del dispositivo cuando termine el trabajo.',
    'Excedido: la organización tiene más dispositivos de los que permite su plan de servicio; los más recientes se muestran como Excedido hasta que el plan se amplíe.',
    'Actualizando firmware, Reiniciando..., Configurando: hay un trabajo en curso en el dispositivo; vuelve por sí solo.',
  ],
  devices: [
    'Escriba en el cuadro de búsqueda para buscar por nombre, número de serie, modelo, dirección, firmware y conexiones. Los filtros se combinan con la búsqueda.',
    'Haga clic en el título de una columna para ordenar por ella; otro clic invierte el orden. Elija las columnas que quiera ver en «Columnas».',
    '«Descargar CSV» guarda todos los dispositivos de la vista actual (búsqueda, filtros, columnas), no solo las filas que se ven en pantalla.',
  ],
  'selecting-devices': [
    'Marque la casilla al principio de una fila para seleccionar un dispositivo, o la casilla del título de la columna para seleccionar todos los dispositivos que muestra la lista (tras su búsqueda y filtros).',
    'La barra de selección ofrece entonces lo que se puede hacer con todos a la vez: asignarlos a una ubicación o ejecutar una acción como localizar, el silencio de seguridad o una actualización de firmware. Cada dispositivo se convierte en un trabajo; la barra indica cuántos han terminado y cuántos han fallado.',
    '«Borrar la selección» la vacía. La selección se mantiene mientras ordena la lista o pasa de página.',
  ],
  actions: [
    'Cada acción se convierte en un trabajo: ve su progreso en directo, y el Historial de la organización registra quién la ejecutó.',
    'Reiniciar, reiniciar VoIP, cargar una configuración y cambiar el inicio de sesión piden confirmación: el dispositivo puede quedar no disponible durante un rato.',
    'Si el agente del dispositivo está desconectado, el trabajo lo espera hasta dos minutos y después falla indicando claramente el motivo.',
  ],
  'locate-light': [
    'La luz de localización hace parpadear las luces del panel frontal de un dispositivo para que un técnico encuentre la unidad correcta en un rack o en un falso techo.',
    'En la página del dispositivo, elija «Localizar: encender»; el dispositivo muestra Luz de localización encendida hasta que elija «Localizar: apagar». Con varios dispositivos seleccionados en la lista, la barra de selección enciende o apaga la luz de localización de todos ellos.',
    'Luz de localización encendida cuenta entre las Incidencias del Panel, de modo que una luz olvidada no pasa desapercibida.',
  ],
  'device-credentials': [
    'Un stack CONVERGE Pro 2 tiene unas únicas credenciales (usuario y contraseña) para todas sus unidades. El agente las usa para su sesión; si son incorrectas, se muestra Error de inicio de sesión.',
    'En la página del dispositivo, «Cambiar inicio de sesión…» establece un nuevo usuario y contraseña en todas las unidades del stack. El agente guarda la nueva contraseña cifrada en su servidor y a partir de entonces inicia sesión con ella.',
    'Si las credenciales se cambiaron fuera de Crosspoint, introduzca las nuevas con la misma acción para que el agente pueda volver a iniciar sesión.',
  ],
  'backup-config': [
    '«Hacer copia de la configuración» en la página del dispositivo pide al agente que descargue el archivo de proyecto del stack (.PCCP2X) por FTP y lo envíe al hub. Para ello, FTP debe estar activado en el dispositivo.',
    'El archivo aparece en los resultados del trabajo: los Administradores y Propietarios pueden descargarlo, ya que puede contener las credenciales del stack.',
    'Cada copia que difiere de la anterior también se guarda como versión de configuración (consulte Versiones de configuración), incluidas las copias nocturnas.',
  ],
  'restore-config': [
    'En Versiones de configuración de la página del dispositivo, «Restaurar» vuelve a cargar en el dispositivo una versión guardada; «Restaurar la referencia» carga la aprobada.',
    'Antes se hace una copia, de modo que la configuración sustituida nunca se pierde. El dispositivo no está disponible mientras se carga, y el audio puede interrumpirse.',
    'Una versión de un modelo también se puede restaurar en otro dispositivo del mismo modelo.',
  ],
  'load-config': [
    '«Cargar configuración…» sube un archivo de proyecto (.PCCP2X) desde su ordenador y lo carga en el dispositivo. El proyecto sustituye toda la configuración: nombre del stack, credenciales, macros y ajustes.',
    'El archivo se comprueba antes de enviarlo al agente; la subida muestra su progreso. Se hace una copia antes de la carga y otra después.',
    'El audio puede interrumpirse mientras se carga el proyecto; elija un momento tranquilo.',
  ],
  ftp: [
    'El CONVERGE Pro 2 transfiere archivos de configuración y registros por FTP. «Activar FTP» y «Desactivar FTP» en la página del dispositivo lo activan o desactivan en todo el stack.',
    'Las copias, las restauraciones y las descargas de registros necesitan FTP activado; en otro caso, déjelo desactivado si la política de su red lo exige.',
  ],
  'firmware-badges': [
    'Cuando se publica para su modelo un paquete de firmware más reciente que el firmware de un dispositivo, la columna Firmware muestra «Actualización disponible» con la versión, igual que la página del dispositivo.',
    'La insignia procede del catálogo de firmware: los paquetes del operador de la plataforma, los de su organización y los de su organización de soporte. Un paquete retirado no genera insignia.',
    'Filtre la lista de dispositivos por la columna Firmware para encontrar todos los dispositivos que se pueden actualizar.',
  ],
  'updating-firmware': [
    'Uno o pocos dispositivos: «Actualizar firmware…» en la página del dispositivo o en la barra de selección sube una imagen una vez y la escribe en cada dispositivo. Cada dispositivo se reinicia y deja de estar disponible unos minutos: no lo apague mientras tanto.',
    'Muchos dispositivos: publique la imagen en Firmware › Catálogo y después inicie una campaña (consulte Campañas de firmware).',
    'Los resultados del trabajo muestran el firmware antes y después. Una actualización fallida deja el dispositivo con su firmware anterior e indica el motivo.',
  ],
  'firmware-campaigns': [
    'Una campaña distribuye un paquete de firmware a muchos dispositivos: primero un grupo piloto y después oleadas. Unos umbrales deciden si continúa: si fallan demasiados dispositivos de una oleada, la campaña se detiene.',
    'Un control de estado comprueba que los dispositivos actualizados vuelven en estado correcto antes de la siguiente oleada; las ventanas de mantenimiento limitan cuándo se ejecutan las oleadas.',
    'Una campaña puede requerir la aprobación de una segunda persona antes de empezar. Se puede pausar, reanudar o cancelar; su informe enumera cada dispositivo con su resultado y se puede descargar.',
  ],
  'configuration-versions': [
    'El hub guarda todas las configuraciones que ha tenido un dispositivo: copias nocturnas, copias a petición y copias antes y después de cada cambio. Un contenido idéntico se guarda una sola vez.',
    'Elija dos versiones y «Comparar» para ver qué ha cambiado, ajuste por ajuste en un proyecto de CONVERGE Pro 2.',
    'Marque una versión como referencia, la configuración que usted aprobó. Cuando el dispositivo deja de tenerla, la página del dispositivo lo indica y una regla de alerta (configuración desviada) puede avisar a las personas; «Aceptar como nueva referencia» o «Restaurar la referencia» lo resuelve.',
  ],
  communications: [
    'Comunicaciones abarca la parte telefónica de un dispositivo: el registro VoIP y los servicios que usa un CONVERGE Pro 2 para hacer llamadas.',
    '«Estado del registro VoIP» pregunta al dispositivo el estado de cada línea; Error de registro VoIP significa que una línea no está registrada en su servidor SIP. Compruebe el servidor, la cuenta y la red y, después, «Reiniciar VoIP».',
    'Reinicio de VoIP pendiente aparece tras cambiar ajustes que requieren reiniciar VoIP; Error del servicio de comunicación significa que el servicio de comunicación del dispositivo se ha detenido: reinicie el dispositivo.',
  ],
  'collaborate-link': [
    'Los dispositivos de vídeo COLLABORATE Live aparecen en Vídeo, detectados por el agente como los dispositivos Pro Audio; allí se ven su estado, modelo, número de serie y firmware. Un códec que pierde su registro en COLLABORATE Space muestra Error del servicio de comunicación.',
    'Configuración › Mi cuenta › Vinculación con COLLABORATE Space: «Vincular mi cuenta» le lleva a la página de inicio de sesión de COLLABORATE Space; autorice allí el acceso y volverá con la cuenta vinculada. Crosspoint guarda cifrado el acceso concedido y lo renueva; «Desvincular mi cuenta» lo elimina. Para un COLLABORATE Space local, introduzca antes su dirección.',
    'Un Propietario o Administrador vincula también la organización («Vincular la organización»). El Panel muestra entonces, en Colaboración por vídeo, los dispositivos de vídeo por estado, los usuarios de COLLABORATE Space por presencia (conectado, ocupado, ausente, desconectado), todas las licencias y las últimas llamadas y reuniones, actualizado cada pocos segundos. Cuando COLLABORATE Space no responde, el Panel indica «COLLABORATE Space inaccesible» y el resto sigue funcionando.',
    'Cuando su propia cuenta vinculada de COLLABORATE Space es administradora allí, Añadir usuarios ofrece «Crear también como usuarios de COLLABORATE Space»; el diálogo indica para cada persona si se ha hecho.',
  ],
  'locations-tree': [
    'Ubicaciones muestra sus lugares en forma de árbol: regiones, sedes, edificios, plantas y salas. La flecha delante de un nombre abre o cierra lo que contiene; una búsqueda muestra cada coincidencia con su ruta completa.',
    'Las ubicaciones de dispositivos del Panel y el filtro de ubicación de la lista de dispositivos usan el mismo árbol: filtrar por un edificio incluye sus plantas y salas.',
  ],
  'managing-locations': [
    '«Añadir ubicación» crea un lugar en el nivel superior; «Añadir dentro» en una fila crea uno dentro de ella. Edite una fila para cambiarle el nombre o el tipo, o para moverla a otra parte del árbol.',
    'Asigne dispositivos desde la lista de dispositivos: selecciónelos y elija «Asignar a ubicación…». Una cuenta de servidor también puede tener una ubicación, para los dispositivos que aporta.',
    'No se puede eliminar un lugar que aún contiene lugares o dispositivos: muévalos antes.',
  ],
  'pro-audio-subnet': [
    'El agente busca dispositivos en las subredes con las que se inicia (--subnets CIDR[:puerto][@interfaz], p. ej. 192.168.10.0/24@eth0) y mantiene una sesión con cada dispositivo que encuentra.',
    'En la página web del propio agente (http://localhost:8090 en el servidor de la sede, salvo que se inicie con otro --ui-port), Subredes las enumera: active o desactive cada una, y «Descubrir ahora» hace un barrido inmediato. Una subred desactivada no se barre ni se consulta; sus dispositivos aparecen como Sin supervisión, no como Caído.',
    'La pantalla Servidores del hub muestra cuántas subredes de cada agente están activadas.',
  ],
  servers: [
    'Servidores › Añadir cuenta de servidor de agente: elija un nombre y una contraseña (al menos 8 caracteres con una letra, un número y un carácter especial).',
    'En la sede, ejecute el agente e introduzca la dirección del hub, el login del agente de la cuenta («Nombre@código»: se muestra al añadir la cuenta y en la columna Login del agente de la lista de servidores, cada uno con un botón Copiar) y la contraseña. Consulte Descargas.',
    'Un servidor está Conectado mientras su agente mantiene el enlace; aquí se muestran su número de dispositivos y sus subredes activadas.',
  ],
  'monitoring-servers': [
    'Servidores enumera las cuentas de servidor de agente: si cada agente está Conectado, su sistema de supervisión (Activo, Incidencia, Apagado), su versión, su carga, sus subredes activadas y cuándo se vio por última vez.',
    'Un servidor cuya supervisión indica Incidencia nombra los problemas: un barrido de subred que falla, un búfer que crece, un desfase de reloj, credenciales que fallan, CPU o memoria altas.',
    'Una regla de alerta del tipo «un servidor se desconecta o su supervisión tiene una incidencia» avisa a las personas por correo electrónico, SMS o webhook.',
  ],
  'agent-install': [
    'Descargas ofrece el agente: un archivo para Linux o Windows con Node.js 20. Compruebe su SHA-256 e instálelo como servicio (systemd en Linux, WinSW en Windows) tal como indica la página.',
    'El agente se conecta hacia el hub: no hace falta ninguna regla de cortafuegos de entrada. Su primera contraseña de administrador está en su registro.',
    'Los agentes se actualizan solos desde el hub cuando están en modo automático; si no, Servidores muestra «Actualización disponible» con un botón Actualizar.',
  ],
  'useful-links': [
    'Descargas: el agente para sus sedes y cómo instalarlo. Ayuda: estas páginas; búsquelas desde el cuadro del encabezado.',
    'La API: todas las pantallas se basan en ella; su descripción está en /api/docs en este hub, y los tokens de API (Configuración › Tokens de API) permiten que los scripts la usen.',
    'Estado del hub (operador de la plataforma): la base de datos, el bus de eventos y los agentes conectados de un vistazo.',
  ],
  alerts: [
    'Una regla de alerta indica qué vigilar (estados de dispositivos, un servidor que se desconecta, el plan excedido o a punto de terminar), cuánto tiempo esperar antes de avisar, cada cuánto repetir y por qué canales: correo electrónico, SMS, webhook.',
    'Incidentes muestra lo que falla ahora; el Registro de envíos muestra cada mensaje enviado, retenido o fallido. Una ventana de mantenimiento silencia las alertas de una organización, una ubicación o un dispositivo.',
    'Cada persona elige en Configuración › Mi cuenta qué alertas de qué organizaciones le llegan por correo electrónico y SMS; los mensajes llegan en su idioma.',
  ],
  users: [
    'Los Propietarios pueden hacerlo todo, incluso gestionar a otros Propietarios. Los Administradores gestionan usuarios, servidores, ubicaciones y dispositivos. Los Supervisores pueden verlo todo y no cambian nada.',
    'Usuarios › Añadir usuarios invita a una o varias direcciones de correo a la vez, con un rol y un idioma. Un usuario invitado registra su contraseña desde el correo, que está escrito en el idioma elegido.',
    'Los miembros de una organización de soporte actúan en sus organizaciones cliente con el mismo rol.',
  ],
  'sign-in-ldap': [
    'Configuración › Inicio de sesión › LDAP / Active Directory conecta su directorio: su servidor, la cuenta de enlace (bind), dónde se buscan las personas y qué grupos dan qué rol.',
    'Las personas inician sesión entonces en la página de inicio de sesión habitual como DOMINIO\\nombre o nombre@dominio con la contraseña de su directorio; su cuenta se crea en el primer inicio de sesión y su rol sigue a sus grupos en cada inicio de sesión.',
    '«Probar la conexión» y «Probar un usuario» comprueban los ajustes antes de que nadie dependa de ellos.',
  ],
  'sign-in-oidc': [
    'Configuración › Inicio de sesión › OpenID Connect añade un proveedor (Microsoft Entra ID, Okta, Google Workspace, Keycloak…): su URL de emisor, el ID y el secreto de cliente, y reglas que asignan roles según valores de claims.',
    'Registre en el proveedor el URI de redirección que se muestra allí. La página de inicio de sesión ofrece entonces «Iniciar sesión con …»; sin un valor de claim que dé un rol, nadie puede iniciar sesión por esa vía.',
  ],
  'two-factor': [
    'Configuración › Mi cuenta › Inicio de sesión en dos pasos añade a su contraseña un código de 6 dígitos de una aplicación de autenticación. Guarde los códigos de recuperación, que se muestran una sola vez: cada uno le permite iniciar sesión una vez si pierde el teléfono.',
    'Los Propietarios pueden exigir el inicio de sesión en dos pasos a todos los miembros (Configuración › Inicio de sesión). Quedan exentas las personas que inician sesión con un proveedor OpenID: el proveedor les pide su segundo factor.',
  ],
  'api-tokens': [
    'Configuración › Tokens de API crea un token para scripts e integraciones, con una validez y, si lo desea, el rol Supervisor de solo lectura. El secreto se muestra una sola vez: cópielo en ese momento.',
    'Un token deja de funcionar cuando caduca, cuando se revoca y en cuanto la persona que lo creó deja la organización o pierde su rol.',
  ],
  history: [
    'Historial registra quién hizo qué y cuándo en la organización: inicios de sesión, usuarios, organizaciones cliente, servidores, ubicaciones, tokens de API, cambios de licencia y acciones sobre dispositivos.',
    'Busque en él y filtre por área y fechas; el gráfico muestra las acciones por día de lo que está cargado.',
  ],
  clients: [
    'Organizaciones › Añadir organización cliente: introduzca el nombre y el propietario inicial (se recomienda un miembro de su organización) y después el plan de servicio: el número de dispositivos Pro Audio de su pool de dispositivos con licencia y las fechas.',
    'Revise y añada. El cliente aparece como Invitado hasta que alguien trabaja en él, Activo mientras dura su plan, Caducado tras su fecha de fin y Exceso cuando tiene más dispositivos que su plan.',
    'Use Elegir organización… para trabajar en un cliente con su propia cuenta. «Liberar» en la fila de un cliente deja de atenderlo: el cliente lo conserva todo y sus Propietarios pueden asociarlo de nuevo a una organización de soporte.',
  ],
  rollup: [
    'Su propio Panel, las listas Pro Audio y Vídeo, Servidores, Alertas e Historial incluyen los dispositivos y eventos de todos sus clientes, y cada fila indica su organización. No hay que cambiar nada: esta es la vista de su organización de soporte.',
    '«Clientes por estado» en el Panel pone primero los clientes con más dispositivos Caídos y después los que tienen incidencias. Haga clic en un cliente, o en su número de Caídos o de Incidencias, para abrir la lista de dispositivos filtrada por él.',
    'Cada cliente ve solo sus propios dispositivos y eventos, nunca los de otro cliente.',
  ],
  usage: [
    'Uso muestra los dispositivos supervisados por día UTC, Pro Audio y Vídeo: el pico y los dispositivos-día (dispositivos × horas ÷ 24). La media de un mes son sus dispositivos-día divididos entre sus días.',
    'Los dispositivos excedidos no cuentan. Los cambios de plan del mes se enumeran bajo la tabla; «Descargar CSV» guarda el mes.',
    'Una organización de soporte ve el uso de cada cliente desde Organizaciones.',
  ],
  invoices: [
    'Los ajustes de facturación contienen sus precios por dispositivo Pro Audio y Vídeo (por mes o por año), un mínimo por factura, impuestos, condiciones de pago, numeración y recordatorios.',
    'Los borradores se generan a partir del uso de cada cliente en un mes, a mano o el día 2 del mes siguiente. Revise y edite un borrador y después emítalo: recibe su número y se envía por correo electrónico al contacto de facturación del cliente con su PDF, en el idioma del contacto.',
    'Marque las facturas como pagadas; las vencidas reciben los recordatorios que haya configurado. Una factura anulada conserva su número y no recibe recordatorios.',
  ],
  license: [
    'Sin licencia, la edición Enterprise supervisa hasta 5 dispositivos. En Configuración › Suscripción y licencia, elija el archivo de licencia para desbloquear su capacidad.',
    'Un archivo de licencia está firmado; un archivo modificado o caducado se rechaza indicando el motivo.',
    'Desde 30 días antes de que caduque la licencia, los Propietarios y Administradores ven un aviso con los días que quedan. Tras su caducidad, la licencia mantiene sus dispositivos durante un periodo de gracia (14 días, salvo que el hub esté configurado de otro modo); después, la edición Enterprise vuelve a supervisar 5 dispositivos.',
  ],
  operators: [
    'Organizaciones muestra las organizaciones de soporte (integradores AV). Añada una con su pool de dispositivos con licencia y el correo electrónico de su propietario.',
    'Estado del hub muestra la versión, la base de datos, el bus de eventos y si responde cada dependencia.',
    'El correo que el hub no puede enviar (sin SMTP configurado) queda en la bandeja de salida: GET /api/v1/outbox.',
  ],
  languages: [
    'Crosspoint habla inglés, francés, italiano, español, alemán, portugués, polaco, chino (simplificado), coreano, japonés, árabe y ruso. Elija el suyo en el menú de idioma del encabezado o en Configuración › Mi cuenta: las pantallas cambian al instante, y sus correos y SMS también lo usan.',
    'El árabe se lee de derecha a izquierda: el menú, las tablas y los diálogos se muestran en espejo.',
    'Las páginas de ayuda aún no traducidas a su idioma se muestran en inglés, con una nota que lo indica.',
  ],
};

export default bodies;
