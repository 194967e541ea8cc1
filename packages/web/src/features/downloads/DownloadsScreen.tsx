import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import { useOrg } from '../../auth/session.tsx';
import { call, urlOf } from '../../api/client.ts';
import { formatBytes, formatDateTime } from '../../format.ts';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { useOrganization } from '../organizations/queries.ts';

/** The agent's web UI port when installed as a service (install-service's default). */
const agentUiPort = 8090;

const winswXml = (node: string, file: string) => `<service>
  <id>crosspoint-agent</id>
  <name>Crosspoint agent</name>
  <description>Crosspoint agent: AV device monitoring, linked to a Crosspoint hub</description>
  <executable>${node}</executable>
  <arguments>--enable-source-maps ${file}</arguments>
  <env name="CROSSPOINT_AGENT_DATA_DIR" value="C:\\ProgramData\\Crosspoint\\agent"/>
  <env name="CROSSPOINT_AGENT_UI_PORT" value="${String(agentUiPort)}"/>
  <env name="CROSSPOINT_AGENT_SUPERVISED" value="1"/>
  <startmode>Automatic</startmode>
  <onfailure action="restart" delay="10 sec"/>
  <resetfailure>1 hour</resetfailure>
  <log mode="roll-by-size"/>
</service>`;

/** Downloads: the agent as one file, with how to install it as a service on Linux and Windows. */
export function DownloadsScreen() {
  const { t, i18n } = useTranslation();
  const { session, orgId } = useOrg();
  const org = useOrganization(orgId);
  const build = useQuery({
    queryKey: ['agent-download', orgId],
    queryFn: ({ signal }) => call('getAgentDownload', { params: { orgId } }, { signal }),
  });
  const hubUrl = window.location.origin;
  // The organization part of an agent login: the account number, or the organization's id (enterprise).
  const loginCode = org.data ? (org.data.accountNumber ?? org.data.id) : 'C10001';
  const file = build.data?.fileName ?? 'crosspoint-agent.mjs';
  const exe = build.data?.executable?.fileName;
  const connect = (
    <Trans
      i18nKey="downloads.connect"
      values={{ hub: hubUrl, port: agentUiPort }}
      components={{ code: <code />, strong: <strong />, servers: <Link to="/servers" /> }}
    />
  );
  return (
    <section aria-labelledby="downloads-title">
      <div className="screen-head">
        <h1 id="downloads-title">{t('downloads.title')}</h1>
      </div>
      <article className="card" aria-labelledby="downloads-agent">
        <h2 id="downloads-agent">{t('downloads.agentTitle')}</h2>
        <p>{t('downloads.intro')}</p>
        {build.isPending ? (
          <p role="status">{t('common.loading')}</p>
        ) : build.data?.available ? (
          <>
            <p>
              <a className="button" href={urlOf('downloadAgent', { params: { orgId } })} download={file}>
                {t('downloads.download', { file })}
              </a>
            </p>
            <dl className="facts">
              <dt>{t('downloads.version')}</dt>
              <dd>{build.data.version ?? t('downloads.unknownVersion')}</dd>
              <dt>{t('downloads.size')}</dt>
              <dd>{build.data.bytes === null ? '—' : formatBytes(build.data.bytes, i18n.language)}</dd>
              <dt>SHA-256</dt>
              <dd>
                <code className="hash">{build.data.sha256}</code>{' '}
                <CopyButton text={build.data.sha256 ?? ''} label={t('downloads.copySha')} />
              </dd>
              <dt>{t('downloads.builtAt')}</dt>
              <dd>{build.data.builtAt ? formatDateTime(build.data.builtAt, i18n.language) : '—'}</dd>
              <dt>{t('downloads.requires')}</dt>
              <dd>Node.js {build.data.nodeVersion}+</dd>
            </dl>
            {build.data.executable ? (
              <>
                <h3>{t('downloads.executableTitle')}</h3>
                <p>{t('downloads.executableIntro')}</p>
                <p>
                  <a
                    className="button secondary"
                    href={urlOf('downloadAgentExecutable', { params: { orgId } })}
                    download={build.data.executable.fileName}
                  >
                    {t('downloads.download', { file: build.data.executable.fileName })}
                  </a>
                </p>
                <dl className="facts" aria-label={t('downloads.executableTitle')}>
                  <dt>{t('downloads.size')}</dt>
                  <dd>{formatBytes(build.data.executable.bytes, i18n.language)}</dd>
                  <dt>SHA-256</dt>
                  <dd>
                    <code className="hash">{build.data.executable.sha256}</code>{' '}
                    <CopyButton
                      text={build.data.executable.sha256}
                      label={t('downloads.copyExecutableSha')}
                    />
                  </dd>
                </dl>
              </>
            ) : null}
          </>
        ) : (
          <p className="notice" role="status">
            <Trans i18nKey="downloads.notBuilt" components={{ code: <code /> }} />
          </p>
        )}
      </article>

      <article className="card" aria-labelledby="downloads-account">
        <h2 id="downloads-account">{t('downloads.accountTitle')}</h2>
        <ol>
          <li>
            <Trans
              i18nKey="downloads.step2"
              values={{ org: session.currentOrg?.name ?? '' }}
              components={{ servers: <Link to="/servers" />, code: <code /> }}
            />
          </li>
          <li>
            <Trans
              i18nKey="downloads.findLogin"
              values={{ example: `Rack@${loginCode}` }}
              components={{ servers: <Link to="/servers" />, code: <code />, strong: <strong /> }}
            />
          </li>
        </ol>
      </article>

      <article className="card" aria-labelledby="downloads-linux">
        <h2 id="downloads-linux">{t('downloads.linux.title')}</h2>
        <ol>
          <li>
            {t('downloads.linux.node')}
            <pre className="code">
              {`curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash -
sudo apt-get install -y nodejs
node --version`}
            </pre>
          </li>
          <li>
            {t('downloads.linux.file')}
            <pre className="code">{`scp ${file} admin@site-server:
sha256sum ${file}`}</pre>
          </li>
          <li>
            <Trans i18nKey="downloads.linux.install" components={{ code: <code /> }} />
            <pre className="code">{`sudo node ${file} install-service`}</pre>
            {exe ? (
              <>
                {t('downloads.linux.executable')}
                <pre className="code">{`sha256sum ${exe}
chmod +x ${exe}
sudo ./${exe} install-service`}</pre>
              </>
            ) : null}
          </li>
          <li>
            {t('downloads.linux.password')}
            <pre className="code">{`sudo journalctl -u crosspoint-agent | grep "First start"`}</pre>
          </li>
        </ol>
        <p className="muted">
          <Trans i18nKey="downloads.linux.remove" components={{ code: <code /> }} />
        </p>
      </article>

      <article className="card" aria-labelledby="downloads-windows">
        <h2 id="downloads-windows">{t('downloads.windows.title')}</h2>
        <ol>
          <li>{t('downloads.windows.node')}</li>
          <li>
            <Trans i18nKey="downloads.windows.file" components={{ code: <code /> }} />
            <pre className="code">{`Get-FileHash C:\\Crosspoint\\${file} -Algorithm SHA256`}</pre>
          </li>
          <li>
            <Trans i18nKey="downloads.windows.wrapper" components={{ code: <code /> }} />
            <pre className="code">
              {winswXml('C:\\Program Files\\nodejs\\node.exe', `C:\\Crosspoint\\${file}`)}
            </pre>
          </li>
          <li>
            {t('downloads.windows.install')}
            <pre className="code">{`cd C:\\Crosspoint
.\\crosspoint-agent.exe install
.\\crosspoint-agent.exe start`}</pre>
          </li>
          <li>
            <Trans i18nKey="downloads.windows.password" components={{ code: <code /> }} />
          </li>
        </ol>
      </article>

      <article className="card" aria-labelledby="downloads-connect">
        <h2 id="downloads-connect">{t('downloads.connectTitle')}</h2>
        <ol>
          <li>{connect}</li>
          <li>{t('downloads.subnets')}</li>
        </ol>
      </article>
      <p className="muted">{t('downloads.footnote')}</p>
    </section>
  );
}
