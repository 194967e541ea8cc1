import type { HelpBodies } from '../help-bodies.ts';

/** The help pages' bodies in Portuguese, per topic id, paragraph for paragraph (topics.ts). */
const bodies: HelpBodies = {
  'monitoring-devices': [
    'Pro Audio lista os dispositivos CONVERGE Pro 2, CONVERGE Huddle, BMA 360D e P-Link (expansores, microfones, DIALOG 20) que os agentes dos seus locais encontraram; Vídeo lista os dispositivos COLLABORATE Live. Cada linha mostra o status, o modelo, o nome, o número de série, as conexões (sub-rede › stack › C-Link/P-Link), o local, o firmware e o endereço de acesso do dispositivo.',
    'Os status mudam ao vivo enquanto a marca “Ao vivo” aparece no cabeçalho: um dispositivo que para de responder passa a Fora do ar em até um minuto e volta sozinho a Saudável quando responde de novo.',
    'Abra um dispositivo para ver seus dados, o histórico de status e as ações que a sua função permite. Fora do ar, Problemas e Saudáveis no Painel abrem esta lista já filtrada.',
  ],
  dashboard: [
    'O gráfico agrupa os dispositivos em Fora do ar, Problemas e Saudáveis. Clique em uma fatia ou na sua legenda para abrir a lista de dispositivos filtrada por ela.',
    'Problemas são todos os status que não são nem Fora do ar nem Saudável: Falha de login, SUPERAQUECIMENTO!, Stack incompleto, Falha no registro VoIP, Mudo de segurança ativo, Luz de localização acesa, Excedente e os demais.',
    'O painel se atualiza sozinho enquanto a marca “Ao vivo” aparece no cabeçalho.',
  ],
  statuses: [
    'Fora do ar: o dispositivo não responde na rede. Verifique a alimentação e o cabo e, depois, a sub-rede do agente.',
    'Falha de login: o dispositivo recusou o usuário e a senha do agente. Use a ação “Alterar login…” na página do dispositivo para que o agente e todas as unidades do stack usem o mesmo login.',
    'Stack incompleto / Stack incompatível: uma unidade ou um dispositivo P-Link do stack está offline ou informa outro nome de stack.',
    'Mudo de segurança ativo e Luz de localização acesa são estados que alguém ativou de propósito; desative-os nas ações do dispositivo quando o trabalho terminar.',
    'Excedente: a organização tem mais dispositivos do que o seu plano de serviço permite; os mais recentes aparecem como Excedente até o plano aumentar.',
    'Atualizando firmware, Reiniciando..., Configurando: uma tarefa está em execução no dispositivo; ele volta sozinho.',
  ],
  devices: [
    'Digite na caixa de pesquisa para encontrar nomes, números de série, modelos, endereços, firmware e conexões. Os filtros se combinam com a pesquisa.',
    'Clique no título de uma coluna para ordenar por ela; clique de novo para inverter. Escolha as colunas que deseja em “Colunas”.',
    '“Baixar CSV” salva todos os dispositivos da visualização atual (pesquisa, filtros, colunas), não apenas as linhas na tela.',
  ],
  'selecting-devices': [
    'Marque a caixa no início de uma linha para selecionar um dispositivo, ou a caixa no título da coluna para selecionar todos os dispositivos que a lista mostra (após a pesquisa e os filtros).',
    'A barra de seleção oferece então o que pode ser feito com todos de uma vez: atribuí-los a um local ou executar uma ação como localizar, mudo de segurança ou uma atualização de firmware. Cada dispositivo vira uma tarefa; a barra mostra quantas terminaram e quantas falharam.',
    '“Limpar seleção” a esvazia. A seleção é mantida enquanto você ordena ou pagina a lista.',
  ],
  actions: [
    'Cada ação vira uma tarefa: você acompanha o progresso ao vivo, e o Histórico da organização registra quem a executou.',
    'Reiniciar, reiniciar o VoIP, carregar uma configuração e alterar o login pedem confirmação: o dispositivo pode ficar indisponível por um tempo.',
    'Se o agente do dispositivo estiver offline, a tarefa o aguarda por até dois minutos e depois falha com um motivo claro.',
  ],
  'locate-light': [
    'A luz de localização faz as luzes do painel frontal de um dispositivo piscarem para que um técnico encontre a unidade certa em um rack ou no forro.',
    'Na página do dispositivo, escolha “Localizar: ligar”; o dispositivo mostra Luz de localização acesa até você escolher “Localizar: desligar”. Com vários dispositivos selecionados na lista, a barra de seleção liga ou desliga a luz de localização de todos eles.',
    'Luz de localização acesa conta entre os Problemas do Painel, para que uma luz esquecida acesa seja notada.',
  ],
  'device-credentials': [
    'Um stack CONVERGE Pro 2 tem um único login (usuário e senha) para todas as suas unidades. O agente o usa em sua sessão; um login errado mostra Falha de login.',
    'Na página do dispositivo, “Alterar login…” define um novo usuário e uma nova senha em todas as unidades do stack. O agente guarda a nova senha protegida no seu servidor e passa a entrar com ela.',
    'Se o login foi alterado fora do Crosspoint, informe o novo com a mesma ação para que o agente possa entrar novamente.',
  ],
  'backup-config': [
    '“Fazer backup da configuração” na página do dispositivo pede ao agente que baixe o arquivo de projeto do stack (.PCCP2X) por FTP e o envie ao hub. Para isso, o FTP precisa estar ativado no dispositivo.',
    'O arquivo aparece nos resultados da tarefa: Administradores e Proprietários podem baixá-lo, pois ele pode conter o login do stack.',
    'Cada backup diferente do anterior também é guardado como uma versão de configuração (veja Versões de configuração), incluindo os backups noturnos.',
  ],
  'restore-config': [
    'Em Versões de configuração, na página do dispositivo, “Restaurar” carrega de volta no dispositivo uma versão guardada; “Restaurar a referência” carrega a versão aprovada.',
    'Antes é feito um backup, para que a configuração substituída nunca se perca. O dispositivo fica indisponível durante o carregamento, e o áudio pode parar.',
    'Uma versão de um modelo também pode ser restaurada em outro dispositivo do mesmo modelo.',
  ],
  'load-config': [
    '“Carregar configuração…” envia um arquivo de projeto (.PCCP2X) do seu computador e o carrega no dispositivo. O projeto substitui toda a configuração: nome do stack, login, macros e ajustes.',
    'O arquivo é verificado antes de ser enviado ao agente; o envio mostra seu progresso. Um backup é feito antes do carregamento e outro depois.',
    'O áudio pode parar enquanto o projeto carrega; escolha um momento tranquilo.',
  ],
  ftp: [
    'O CONVERGE Pro 2 transfere arquivos de configuração e logs por FTP. “Ativar FTP” e “Desativar FTP” na página do dispositivo ligam ou desligam o FTP em todo o stack.',
    'Backups, restaurações e downloads de logs precisam do FTP ativado; fora disso, deixe-o desativado se a política da sua rede exigir.',
  ],
  'firmware-badges': [
    'Quando um pacote de firmware mais novo que o firmware de um dispositivo é publicado para o seu modelo, a coluna Firmware mostra “Atualização disponível” com a versão, assim como a página do dispositivo.',
    'O selo vem do catálogo de firmware: os pacotes do operador da plataforma, os da sua organização e os da sua organização de suporte. Um pacote retirado não gera selo.',
    'Filtre a lista de dispositivos pela coluna Firmware para encontrar todos os dispositivos que podem ser atualizados.',
  ],
  'updating-firmware': [
    'Um ou poucos dispositivos: “Atualizar firmware…” na página do dispositivo ou na barra de seleção envia uma imagem uma vez e a grava em cada dispositivo. Cada dispositivo reinicia e fica indisponível por alguns minutos: não o desligue nesse meio-tempo.',
    'Muitos dispositivos: publique a imagem em Firmware › Catálogo e depois inicie uma campanha (veja Campanhas de firmware).',
    'Os resultados da tarefa mostram o firmware antes e depois. Uma atualização que falha deixa o dispositivo no firmware antigo e informa o motivo.',
  ],
  'firmware-campaigns': [
    'Uma campanha distribui um pacote de firmware para muitos dispositivos: primeiro um grupo piloto, depois em ondas. Limites decidem se ela continua: se muitos dispositivos de uma onda falharem, a campanha é interrompida.',
    'Uma verificação de saúde confere se os dispositivos atualizados voltam saudáveis antes da próxima onda; janelas de manutenção restringem quando as ondas são executadas.',
    'Uma campanha pode exigir a aprovação de uma segunda pessoa antes de começar. Ela pode ser pausada, retomada ou cancelada; seu relatório lista cada dispositivo com o resultado e pode ser baixado.',
  ],
  'configuration-versions': [
    'O hub guarda todas as configurações que um dispositivo já teve: backups noturnos, backups sob demanda e backups antes e depois de cada alteração. Um conteúdo idêntico é guardado uma única vez.',
    'Escolha duas versões e “Comparar” para ver o que mudou, ajuste por ajuste em um projeto de CONVERGE Pro 2.',
    'Defina uma versão como referência, a configuração que você aprovou. Quando o dispositivo deixa de tê-la, a página do dispositivo avisa e uma regra de alerta (configuração divergente) pode notificar as pessoas; “Aceitar como nova referência” ou “Restaurar a referência” resolve a situação.',
  ],
  communications: [
    'Comunicações abrange a parte telefônica de um dispositivo: o registro VoIP e os serviços que um CONVERGE Pro 2 usa para fazer chamadas.',
    '“Status do registro VoIP” pergunta ao dispositivo o estado de cada linha; Falha no registro VoIP significa que uma linha não está registrada no seu servidor SIP. Verifique o servidor, a conta e a rede e depois use “Reiniciar VoIP”.',
    'Reinício do VoIP pendente aparece após ajustes que exigem reiniciar o VoIP; Falha no serviço de comunicação significa que o serviço de comunicação do dispositivo parou: reinicie o dispositivo.',
  ],
  'collaborate-link': [
    'Os dispositivos de vídeo COLLABORATE Live aparecem em Vídeo, encontrados pelo agente como os dispositivos Pro Audio; ali aparecem seu status, modelo, número de série e firmware. Um codec que perde o registro no COLLABORATE Space mostra Falha no serviço de comunicação.',
    'Configurações › Minha conta › Vinculação ao COLLABORATE Space: “Vincular minha conta” leva você à página de login do COLLABORATE Space; autorize o acesso ali e você volta com a conta vinculada. O Crosspoint guarda protegido o acesso concedido e o renova; “Desvincular minha conta” o remove. Para um COLLABORATE Space local, informe primeiro o endereço dele.',
    'Um Proprietário ou Administrador também vincula a organização (“Vincular a organização”). O Painel passa a mostrar, em Colaboração por vídeo, os dispositivos de vídeo por status, os usuários do COLLABORATE Space por presença (online, ocupado, ausente, offline), todas as licenças e as últimas chamadas e reuniões, atualizados a cada poucos segundos. Quando o COLLABORATE Space não responde, o Painel diz “COLLABORATE Space inacessível” e o restante continua funcionando.',
    'Quando a sua própria conta vinculada do COLLABORATE Space é administradora lá, Adicionar usuários oferece “Criar também como usuários do COLLABORATE Space”; a caixa de diálogo informa, para cada pessoa, se isso foi feito.',
  ],
  'locations-tree': [
    'Locais mostra os seus lugares em árvore: regiões, locais, prédios, andares e salas. A seta antes de um nome abre ou fecha o que está dentro; uma pesquisa mostra cada resultado com o caminho completo.',
    'Os locais de dispositivos do Painel e o filtro de local da lista de dispositivos usam a mesma árvore: filtrar por um prédio inclui seus andares e salas.',
  ],
  'managing-locations': [
    '“Adicionar local” cria um lugar no nível superior; “Adicionar dentro” em uma linha cria um dentro dela. Edite uma linha para renomeá-la, mudar o tipo ou movê-la para outra parte da árvore.',
    'Atribua dispositivos a partir da lista de dispositivos: selecione-os e escolha “Atribuir a um local…”. Uma conta de servidor também pode ter um local, para os dispositivos que ela traz.',
    'Excluir um lugar que ainda contém lugares ou dispositivos é recusado: mova-os antes.',
  ],
  'pro-audio-subnet': [
    'O agente procura dispositivos nas sub-redes com que é iniciado (--subnets CIDR[:porta][@interface], por exemplo 192.168.10.0/24@eth0) e mantém uma sessão com cada dispositivo que encontra.',
    'Na página web do próprio agente (http://localhost:8090 no servidor do local, a menos que seja iniciado com outro --ui-port), Sub-redes lista as sub-redes: ative ou desative cada uma, e “Descobrir agora” faz uma varredura imediata. Uma sub-rede desativada não é varrida nem consultada; seus dispositivos aparecem como Não monitorado, não como Fora do ar.',
    'A tela Servidores do hub mostra quantas sub-redes de cada agente estão ativadas.',
  ],
  servers: [
    'Servidores › Adicionar conta de servidor do agente: escolha um nome e uma senha (pelo menos 8 caracteres, com uma letra, um dígito e um caractere especial).',
    'No local, execute o agente e informe o endereço do hub, o login do agente da conta (“Nome@código”: exibido quando a conta é adicionada e na coluna Login do agente da lista de servidores, cada um com um botão Copiar) e a senha. Veja Downloads.',
    'Um servidor está Conectado enquanto o seu agente mantém a conexão; a contagem de dispositivos e as sub-redes ativadas aparecem aqui.',
  ],
  'monitoring-servers': [
    'Servidores lista as contas de servidor do agente: se cada agente está Conectado, seu sistema de monitoramento (Ativo, Problema, Desligado), sua versão, carga, sub-redes ativadas e quando foi visto pela última vez.',
    'Um servidor cujo monitoramento informa Problema indica quais são: uma varredura de sub-rede falhando, um buffer crescendo, diferença de relógio, credenciais falhando, CPU ou memória altas.',
    'Uma regra de alerta do tipo “um servidor se desconecta ou seu monitoramento tem um problema” avisa as pessoas por e-mail, SMS ou webhook.',
  ],
  'agent-install': [
    'Downloads oferece o agente: um arquivo para Linux ou Windows com Node.js 20. Confira o SHA-256 e instale-o como serviço (systemd no Linux, WinSW no Windows), como a página mostra.',
    'O agente se conecta de dentro para fora ao hub: nenhuma regra de firewall de entrada é necessária. A primeira senha de administrador está no log dele.',
    'Os agentes se atualizam sozinhos a partir do hub quando configurados como automáticos; caso contrário, Servidores mostra “Atualização disponível” com um botão Atualizar.',
  ],
  'useful-links': [
    'Downloads: o agente para os seus locais e como instalá-lo. Ajuda: estas páginas; pesquise nelas pela caixa do cabeçalho.',
    'A API: todas as telas são construídas sobre ela; sua descrição está em /api/docs neste hub, e os tokens de API (Configurações › Tokens de API) permitem que scripts a usem.',
    'Status do hub (operador da plataforma): o banco de dados, o barramento de eventos e os agentes conectados em um relance.',
  ],
  alerts: [
    'Uma regra de alerta diz o que observar (status de dispositivos, um servidor que se desconecta, o plano excedido ou terminando), quanto tempo esperar antes de avisar, com que frequência repetir e por quais canais: e-mail, SMS, webhook.',
    'Incidentes lista o que está falhando agora; o Registro de envios mostra cada mensagem enviada, retida ou com falha. Uma janela de manutenção silencia os alertas de uma organização, de um local ou de um dispositivo.',
    'Cada pessoa escolhe em Configurações › Minha conta quais alertas de quais organizações chegam a ela por e-mail e SMS; as mensagens chegam no seu idioma.',
  ],
  users: [
    'Proprietários podem fazer tudo, inclusive gerenciar outros Proprietários. Administradores gerenciam usuários, servidores, locais e dispositivos. Observadores podem ver tudo e não alteram nada.',
    'Usuários › Adicionar usuários convida um ou vários endereços de e-mail de uma vez, com uma função e um idioma. O usuário convidado cadastra uma senha pelo e-mail, que vem escrito no idioma escolhido.',
    'Os membros de uma organização de suporte atuam nas organizações clientes dela com a mesma função.',
  ],
  'sign-in-ldap': [
    'Configurações › Login › LDAP / Active Directory conecta o seu diretório: o servidor, a conta de bind, onde as pessoas são procuradas e quais grupos dão qual função.',
    'As pessoas passam a entrar na página de login normal como DOMÍNIO\\nome ou nome@domínio, com a senha do diretório; a conta é criada no primeiro login e a função acompanha os grupos a cada login.',
    '“Testar conexão” e “Testar um usuário” verificam as configurações antes que alguém dependa delas.',
  ],
  'sign-in-oidc': [
    'Configurações › Login › OpenID Connect adiciona um provedor (Microsoft Entra ID, Okta, Google Workspace, Keycloak…): a URL do emissor, o ID e o segredo do cliente, e regras que associam valores de claims a funções.',
    'Cadastre no provedor o URI de redirecionamento mostrado ali. A página de login passa a oferecer “Entrar com …”; sem um valor de claim que dê uma função, ninguém consegue entrar por ele.',
  ],
  'two-factor': [
    'Configurações › Minha conta › Login em duas etapas acrescenta à sua senha um código de 6 dígitos de um aplicativo autenticador. Guarde os códigos de recuperação, exibidos uma única vez: cada um permite entrar uma vez se você perder o celular.',
    'Proprietários podem exigir o login em duas etapas de todos os membros (Configurações › Login). Quem entra por um provedor OpenID fica isento: o provedor pede o segundo fator.',
  ],
  'api-tokens': [
    'Configurações › Tokens de API cria um token para scripts e integrações, com uma validade e, se você quiser, a função Observador, somente leitura. O segredo é mostrado uma única vez: copie-o nesse momento.',
    'Um token deixa de funcionar quando expira, quando é revogado e assim que a pessoa que o criou sai da organização ou perde a sua função.',
  ],
  history: [
    'Histórico registra quem fez o quê e quando na organização: logins, usuários, organizações clientes, servidores, locais, tokens de API, alterações de licença e ações em dispositivos.',
    'Pesquise e filtre por área e datas; o gráfico mostra as ações por dia do que está carregado.',
  ],
  clients: [
    'Organizações › Adicionar organização cliente: informe o nome e o proprietário inicial (recomenda-se um membro da sua organização) e depois o plano de serviço: o número de dispositivos Pro Audio do seu pool de dispositivos licenciado e as datas.',
    'Revise e adicione. O cliente aparece como Convidado até alguém trabalhar nele, Ativo enquanto o plano vigora, Expirado após a data de término e Excedente quando tem mais dispositivos do que o plano.',
    'Use Escolher organização… para trabalhar em um cliente com a sua própria conta. “Liberar” na linha de um cliente deixa de acompanhá-lo: ele mantém tudo, e seus Proprietários podem vinculá-lo de novo a uma organização de suporte.',
  ],
  rollup: [
    'O seu próprio Painel, as listas Pro Audio e Vídeo, Servidores, Alertas e Histórico reúnem os dispositivos e eventos de todos os clientes, com cada linha indicando a sua organização. Não é preciso trocar nada: esta é a visão da sua organização de suporte.',
    '“Clientes por saúde” no Painel coloca primeiro os clientes com mais dispositivos Fora do ar e depois os com problemas. Clique em um cliente, ou na contagem de Fora do ar ou de Problemas, para abrir a lista de dispositivos filtrada por ele.',
    'Cada cliente vê apenas os seus próprios dispositivos e eventos, nunca os de outro cliente.',
  ],
  usage: [
    'Uso mostra os dispositivos monitorados por dia UTC, Pro Audio e Vídeo: o pico e os dispositivos-dia (dispositivos × horas ÷ 24). A média de um mês são os seus dispositivos-dia divididos pelos seus dias.',
    'Dispositivos excedentes não contam. As alterações de plano do mês aparecem abaixo da tabela; “Baixar CSV” salva o mês.',
    'Uma organização de suporte vê o uso de cada cliente em Organizações.',
  ],
  invoices: [
    'As configurações de faturamento guardam os seus preços por dispositivo Pro Audio e Vídeo (por mês ou por ano), um mínimo por fatura, impostos, condições de pagamento, numeração e lembretes.',
    'Os rascunhos são gerados a partir do uso de cada cliente em um mês, manualmente ou no dia 2 do mês seguinte. Revise e edite um rascunho e depois emita-o: ele recebe o seu número e é enviado por e-mail ao contato de cobrança do cliente com o PDF, no idioma do contato.',
    'Marque as faturas como pagas; as vencidas recebem os lembretes que você definiu. Uma fatura anulada mantém o seu número e não recebe lembretes.',
  ],
  license: [
    'Sem licença, a edição Enterprise monitora até 5 dispositivos. Em Configurações › Assinatura e licença, escolha o arquivo de licença para liberar a capacidade dela.',
    'Um arquivo de licença é assinado; um arquivo editado ou expirado é recusado com o motivo.',
    'A partir de 30 dias antes de a licença expirar, Proprietários e Administradores veem um aviso com os dias restantes. Após a expiração, a licença mantém os seus dispositivos por um período de carência (14 dias, salvo outra configuração do hub); depois, a edição Enterprise volta a monitorar 5 dispositivos.',
  ],
  operators: [
    'Organizações lista as organizações de suporte (integradores de AV). Adicione uma com o seu pool de dispositivos licenciado e o e-mail do proprietário.',
    'Status do hub mostra a versão, o banco de dados, o barramento de eventos e se cada dependência responde.',
    'Os e-mails que o hub não consegue enviar (sem SMTP configurado) ficam na caixa de saída: GET /api/v1/outbox.',
  ],
  languages: [
    'O Crosspoint fala inglês, francês, italiano, espanhol, alemão, português, polonês, chinês (simplificado), coreano, japonês, árabe e russo. Escolha o seu no menu de idioma do cabeçalho ou em Configurações › Minha conta: as telas mudam na hora, e os seus e-mails e SMS também passam a usá-lo.',
    'O árabe é lido da direita para a esquerda: o menu, as tabelas e as caixas de diálogo são espelhados.',
    'As páginas de ajuda ainda não traduzidas para o seu idioma aparecem em inglês, com uma nota que avisa.',
  ],
};

export default bodies;
