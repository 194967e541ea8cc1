import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Attachment, Conversation, Message, Person } from '@crosspoint/protocol';
import { attachmentMaxBytes } from '@crosspoint/protocol';
import { call, uploadTo, urlOf } from '../../api/client.ts';
import { useOrg } from '../../auth/session.tsx';
import { FormError } from '../../ui/FormError.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { useCalls } from './CallProvider.tsx';
import { CallSettingsDialog } from './CallSettingsDialog.tsx';
import { useConversations, useMessages, useParticipants } from './queries.ts';

/** Chat and calls with the support organization's and the clients' people (docs/communications.md). */
export function CommunicationsScreen() {
  const { t } = useTranslation();
  const { orgId, session, can } = useOrg();
  const list = useConversations(orgId);
  const [selected, setSelected] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [settings, setSettings] = useState(false);
  const items = list.data?.items ?? [];
  const current = items.find((c) => c.id === selected) ?? items[0];
  return (
    <section aria-labelledby="comms-title" className="comms">
      <div className="screen-head">
        <h1 id="comms-title">{t('nav.communications')}</h1>
        <span className="actions">
          <button type="button" onClick={() => setStarting(true)}>
            {t('comms.new')}
          </button>
          {can('org.update') && (
            <button type="button" className="secondary" onClick={() => setSettings(true)}>
              {t('comms.callSettings')}
            </button>
          )}
        </span>
      </div>
      <FormError error={list.error} />
      {starting && (
        <StartConversation
          orgId={orgId}
          clients={session.organizations.filter(
            (o) =>
              o.kind === 'client' &&
              session.currentOrg?.kind === 'support' &&
              o.parentName === session.currentOrg.name,
          )}
          onDone={(id) => {
            setStarting(false);
            if (id) setSelected(id);
          }}
        />
      )}
      <div className="comms-layout">
        <nav aria-label={t('comms.conversations')} className="comms-list">
          {items.length === 0 && !list.isPending && <p className="empty-state">{t('comms.empty')}</p>}
          <ul>
            {items.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={c.id === current?.id ? 'conversation active' : 'conversation'}
                  aria-current={c.id === current?.id ? 'true' : undefined}
                  onClick={() => setSelected(c.id)}
                >
                  <strong>{c.title}</strong>
                  {c.organization.id !== orgId && <span className="muted"> · {c.organization.name}</span>}
                  {c.unread > 0 && (
                    <span className="badge info" data-testid="conversation-unread">
                      {c.unread}
                      <span className="visually-hidden"> {t('calls.unread')}</span>
                    </span>
                  )}
                  {c.lastMessage && (
                    <span className="muted preview">
                      {c.lastMessage.author}: {c.lastMessage.body || t('comms.attachmentOrCall')}
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {current && (
          <ConversationView key={current.id} orgId={orgId} conversation={current} me={session.user.id} />
        )}
      </div>
      <CallSettingsDialog open={settings} onClose={() => setSettings(false)} />
    </section>
  );
}

function StartConversation({
  orgId,
  clients,
  onDone,
}: {
  orgId: string;
  clients: { id: string; name: string }[];
  onDone: (id?: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [with_, setWith] = useState(clients[0]?.id ?? '');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    try {
      const created = await call('startConversation', {
        params: { orgId },
        body: { title, ...(with_ ? { organizationId: with_ } : {}) },
      });
      await client.invalidateQueries({ queryKey: ['conversations'] });
      onDone(created.id);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="card comms-start" onSubmit={(e) => void submit(e)}>
      <label>
        {t('comms.title')}
        <input required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      {clients.length > 0 && (
        <label>
          {t('comms.with')}
          <select value={with_} onChange={(e) => setWith(e.target.value)}>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value="">{t('comms.ownPeople')}</option>
          </select>
        </label>
      )}
      <FormError error={error} />
      <span className="actions">
        <button type="submit">{t('comms.start')}</button>
        <button type="button" className="secondary" onClick={() => onDone()}>
          {t('common.cancel')}
        </button>
      </span>
    </form>
  );
}

function ConversationView({
  orgId,
  conversation,
  me,
}: {
  orgId: string;
  conversation: Conversation;
  me: string;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search, 300);
  const messages = useMessages(orgId, conversation.id, debounced);
  const people = useParticipants(orgId, conversation.id);
  const conversationId = conversation.id;
  // Seen while on screen: read up to the latest.
  useEffect(() => {
    if (conversation.unread === 0) return;
    void call('markConversationRead', { params: { orgId, conversationId } })
      .then(() => client.invalidateQueries({ queryKey: ['conversations'] }))
      .catch(() => undefined);
  }, [orgId, conversationId, conversation.unread, messages.data, client]);
  const all = (messages.data?.pages ?? []).flatMap((p) => p.items).reverse();
  return (
    <div className="comms-conversation">
      <div className="comms-main">
        <div className="toolbar">
          <h2>{conversation.title}</h2>
          <input
            type="search"
            aria-label={t('comms.search')}
            placeholder={t('comms.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        {messages.hasNextPage && (
          <button type="button" className="link" onClick={() => void messages.fetchNextPage()}>
            {t('comms.older')}
          </button>
        )}
        <ol className="messages" aria-label={t('comms.messages')} aria-live="polite">
          {all.length === 0 && !messages.isPending && (
            <li className="muted">{debounced ? t('comms.noMatch') : t('comms.noMessages')}</li>
          )}
          {all.map((m) => (
            <MessageItem key={m.id} orgId={orgId} message={m} mine={m.author.id === me} />
          ))}
        </ol>
        <Composer orgId={orgId} conversationId={conversation.id} />
      </div>
      <People people={people.data?.items ?? []} me={me} conversationId={conversation.id} />
    </div>
  );
}

function MessageItem({ orgId, message, mine }: { orgId: string; message: Message; mine: boolean }) {
  const { t, i18n } = useTranslation();
  const time = new Date(message.at).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const record = message.call;
  return (
    <li className={mine ? 'message mine' : 'message'} data-testid={record ? 'call-record' : 'message'}>
      <span className="meta">
        <strong>{message.author.name}</strong> <time dateTime={message.at}>{time}</time>
      </span>
      {record ? (
        <p className="call-record">
          {t(`comms.record.${record.outcome}.${record.kind}`, {
            duration: `${Math.floor(record.durationS / 60)}:${String(record.durationS % 60).padStart(2, '0')}`,
          })}
        </p>
      ) : (
        message.body && <p className="body">{message.body}</p>
      )}
      {message.attachments.length > 0 && (
        <ul className="attachments">
          {message.attachments.map((a) => (
            <li key={a.id}>
              <a
                href={urlOf('downloadAttachment', {
                  params: { orgId, conversationId: message.conversationId, attachmentId: a.id },
                })}
                download={a.name}
              >
                {a.name}
              </a>{' '}
              <span className="muted">({formatBytes(a.bytes)})</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

const formatBytes = (n: number): string =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MiB`
    : n >= 1024
      ? `${Math.round(n / 1024)} KiB`
      : `${n} B`;

function Composer({ orgId, conversationId }: { orgId: string; conversationId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const attach = async (list: FileList | null) => {
    setError(null);
    for (const file of Array.from(list ?? [])) {
      if (file.size > attachmentMaxBytes) {
        setError(new Error(t('comms.tooLarge', { name: file.name })));
        continue;
      }
      try {
        const uploaded = await uploadTo(
          'uploadAttachment',
          { params: { orgId, conversationId }, query: { name: file.name } },
          file,
          () => undefined,
        );
        setFiles((f) => [...f, uploaded]);
      } catch (err) {
        setError(err);
      }
    }
    if (fileInput.current) fileInput.current.value = '';
  };
  const send = async (e: SyntheticEvent) => {
    e.preventDefault();
    if (!text.trim() && files.length === 0) return;
    setBusy(true);
    try {
      await call('postMessage', {
        params: { orgId, conversationId },
        body: { body: text, ...(files.length ? { attachmentIds: files.map((f) => f.id) } : {}) },
      });
      setText('');
      setFiles([]);
      setError(null);
      await client.invalidateQueries({ queryKey: ['messages', orgId, conversationId] });
      await client.invalidateQueries({ queryKey: ['conversations'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="composer" onSubmit={(e) => void send(e)}>
      <label className="visually-hidden" htmlFor="composer-text">
        {t('comms.message')}
      </label>
      <textarea
        id="composer-text"
        rows={2}
        maxLength={4000}
        placeholder={t('comms.messagePlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) void send(e);
        }}
      />
      {files.length > 0 && (
        <ul className="attachments" aria-label={t('comms.attached')}>
          {files.map((f) => (
            <li key={f.id}>
              {f.name}{' '}
              <button
                type="button"
                className="link"
                onClick={() => setFiles(files.filter((x) => x.id !== f.id))}
                aria-label={t('comms.removeAttachment', { name: f.name })}
              >
                {t('comms.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormError error={error} />
      <span className="actions">
        <label className="button">
          {t('comms.attach')}
          <input
            ref={fileInput}
            type="file"
            multiple
            className="visually-hidden"
            onChange={(e) => void attach(e.target.files)}
          />
        </label>
        <button type="submit" disabled={busy}>
          {t('comms.send')}
        </button>
      </span>
    </form>
  );
}

function People({ people, me, conversationId }: { people: Person[]; me: string; conversationId: string }) {
  const { t } = useTranslation();
  const calls = useCalls();
  return (
    <aside className="comms-people" aria-label={t('comms.people')}>
      <h3>{t('comms.people')}</h3>
      {calls.notice && (
        <p role="status" className="muted">
          {calls.notice}
        </p>
      )}
      <ul>
        {people.map((p) => (
          <li key={p.id} data-person={p.email}>
            <span className={`presence ${p.presence}`} aria-hidden="true" />
            <span>
              {p.name}
              {p.id === me && ` (${t('comms.you')})`}
              <span className="visually-hidden"> {t(`comms.presence.${p.presence}`)}</span>
              <br />
              <span className="muted">{p.organization.name}</span>
            </span>
            {p.id !== me && (
              <span className="actions">
                {(['audio', 'video'] as const).map((kind) => (
                  <button
                    key={kind}
                    type="button"
                    className="secondary"
                    disabled={calls.busy}
                    aria-label={t(kind === 'audio' ? 'comms.audioCallTo' : 'comms.videoCallTo', {
                      name: p.name,
                    })}
                    onClick={() => calls.start(conversationId, { id: p.id, name: p.name }, kind)}
                  >
                    {kind === 'audio' ? t('comms.audioCall') : t('comms.videoCall')}
                  </button>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
